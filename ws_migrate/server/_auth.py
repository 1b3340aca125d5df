"""Who a token is: JWT (HS256 by default) or a tokens file for local use.

Both are `Authenticate` callables `(token, now) -> Identity` that raise `AuthFailure`. They do no
I/O after construction and take the time as an argument, so the protocol stays pure. A token is
never put in an exception message or a log line: failures name what was wrong, not the token.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._exceptions import WsMigrateError

JWT_SECRET_ENV = "WS_MIGRATE_JWT_SECRET"


@dataclass(frozen=True)
class Identity:
    """An authenticated user: their name, their one role, and when the token stops being valid."""

    user: str
    role: str
    expires_at: float | None = None  # seconds since the epoch; None: never


class AuthFailure(Exception):
    """A token was refused; `reason` is safe to send to the client (it never quotes the token)."""

    def __init__(self, reason: str, *, expired: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.expired = expired


class ServerConfigError(WsMigrateError):
    """The server cannot start: bad secret, tokens file, rules or options."""


class JwtAuth:
    """JWTs signed with a shared secret; claims `sub` (user), `role`, `exp` (optional)."""

    def __init__(self, secret: str, algorithms: tuple[str, ...] = ("HS256",)) -> None:
        if not secret:
            raise ServerConfigError("the JWT secret is empty")
        self._secret = secret
        self._algorithms = list(algorithms)

    def __call__(self, token: str, now: float) -> Identity:
        import jwt

        try:
            # expiry is checked against `now` below, so the protocol decides time, not pyjwt
            claims: dict[str, Any] = jwt.decode(
                token, self._secret, algorithms=self._algorithms,
                options={"verify_exp": False, "require": ["sub", "role"]},
            )
        except jwt.InvalidTokenError as err:
            raise AuthFailure(f"invalid token: {type(err).__name__}") from None
        sub, role, exp = claims.get("sub"), claims.get("role"), claims.get("exp")
        if not isinstance(sub, str) or not isinstance(role, str):
            raise AuthFailure("invalid token: `sub` and `role` must be strings")
        if exp is not None and not isinstance(exp, (int, float)):
            raise AuthFailure("invalid token: `exp` must be a number")
        if exp is not None and now >= exp:
            raise AuthFailure("token expired", expired=True)
        return Identity(user=sub, role=role, expires_at=None if exp is None else float(exp))


class TokenFileAuth:
    """Fixed tokens for local use, from YAML `<token>: {user: name, role: role}`; no expiry."""

    def __init__(self, tokens: Mapping[str, Identity]) -> None:
        self._tokens = dict(tokens)

    @classmethod
    def from_file(cls, path: Path, roles: Collection[str] | None = None) -> TokenFileAuth:
        """Raises `ServerConfigError` as `file:line: message`, naming the entry (never the token
        itself). `roles`: the roles the rules know; a token with another role is an error."""
        import yaml

        from .._yaml import compose_and_load, yaml_problem

        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeError) as err:
            raise ServerConfigError(f"{path}: cannot read: {getattr(err, 'strerror', None) or err}") from None
        try:
            node, doc = compose_and_load(text)  # an alias bomb is refused at its line
        except yaml.YAMLError as err:
            line, message = yaml_problem(err, text)
            raise ServerConfigError(f"{path}:{line}: {message}") from None
        if not isinstance(doc, dict) or not doc or not isinstance(node, yaml.MappingNode):
            raise ServerConfigError(f"{path}:1: expected a mapping `<token>: {{user: …, role: …}}`")
        lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}  # a later duplicate wins, as in `doc`
        tokens: dict[str, Identity] = {}
        for index, (token, entry) in enumerate(doc.items()):
            at = f"{path}:{lines.get(str(token), 1)}"
            if not isinstance(token, str) or not token:
                raise ServerConfigError(f"{at}: entry {index + 1}: the token must be a string")
            if not (isinstance(entry, dict) and isinstance(entry.get("user"), str)
                    and isinstance(entry.get("role"), str)):
                raise ServerConfigError(f"{at}: entry {index + 1}: expected {{user: <name>, role: <role>}}")
            if roles is not None and entry["role"] not in roles:
                raise ServerConfigError(
                    f"{at}: entry {index + 1} (user {entry['user']}): role {entry['role']!r} is none the "
                    f"rules' events go to (known: {', '.join(sorted(roles)) or 'none'})")
            tokens[token] = Identity(user=entry["user"], role=entry["role"])
        return cls(tokens)

    def __call__(self, token: str, now: float) -> Identity:
        identity = self._tokens.get(token)
        if identity is None:
            raise AuthFailure("invalid token")
        return identity


def make_jwt(secret: str, user: str, role: str, expires_at: float | None = None) -> str:
    """A HS256 token for `user` with `role` (for tests, `validate` and back ends)."""
    import jwt

    claims: dict[str, Any] = {"sub": user, "role": role}
    if expires_at is not None:
        claims["exp"] = int(expires_at)
    return jwt.encode(claims, secret, algorithm="HS256")


def jwt_secret(option: str | None) -> str | None:
    """The secret from the option, else from `WS_MIGRATE_JWT_SECRET`."""
    return option or os.environ.get(JWT_SECRET_ENV) or None
