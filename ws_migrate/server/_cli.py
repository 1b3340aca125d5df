"""The server's commands, `serve`, `publish` and `validate`, added to the main CLI by `register`.

Like `ws_migrate/cli.py`, these only parse options, call the library and pick the exit code; the
heavy imports (Starlette, uvicorn, websockets) happen inside the commands, so `ws-migrate scan`
does not pay for them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import unquote_plus

import typer

from .._exceptions import WsMigrateError

if TYPE_CHECKING:
    from ..rules import Rules
    from ._protocol import Authenticate
    from ._validate import ValidationResult

API_KEY_ENV = "WS_MIGRATE_API_KEY"

RulesOpt = Annotated[
    list[Path] | None,
    typer.Option("--rules", help="Rule file (repeatable; later files override earlier ones)."),
]
JwtOpt = Annotated[str | None, typer.Option("--jwt-secret", help="HS256 secret of the tokens "
                                            "(default: $WS_MIGRATE_JWT_SECRET).")]
TokensOpt = Annotated[Path | None, typer.Option("--tokens", help="YAML file of fixed tokens: "
                                                "`<token>: {user: name, role: role}`.")]
ApiKeyOpt = Annotated[str | None, typer.Option("--api-key", help="Key for POST /publish "
                                               "(default: $WS_MIGRATE_API_KEY).")]


@contextmanager
def _errors() -> Iterator[None]:
    """Bad input is one line on stderr and exit 2, never a traceback (as in ws_migrate.cli)."""
    try:
        yield
    except WsMigrateError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


def _server_url(value: str) -> str:
    """`--server`'s value when it is an http(s)://host[:port] URL; else one line, exit 2."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as err:
        raise WsMigrateError(f"--server {value!r}: not a URL ({err})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WsMigrateError(f"--server {value!r}: expected http://host:port (or https://)")
    del port  # read only to check it
    return value


def _can_listen(host: str, port: int) -> None:
    """Raise, before the server logs its start, when it could not listen at `host`:`port`."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as err:
        raise WsMigrateError(f"--host {host!r}: cannot resolve it ({getattr(err, 'strerror', err)})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            sock.bind(address)
        except OSError as err:
            raise WsMigrateError(f"cannot listen on {host}:{port}: {err.strerror or err}"
                                 " (another server there? pick one with --port)") from None


def _rules(paths: list[Path] | None) -> Rules:
    from ..rules import load_rules

    for path in paths or ():
        if not path.is_file():
            raise WsMigrateError(f"{path}: no such rule file")
    rules = load_rules(paths or (), Path.cwd())
    if not rules.events:
        raise WsMigrateError("the rules declare no `events`: nothing to serve")
    return rules


def _authenticator(jwt_secret: str | None, tokens: Path | None,
                   roles: Collection[str] | None = None) -> Authenticate:
    """Tokens file first (local use), then JWT; at least one of them. `roles`: those the rules
    know (a token of another role is an error in the tokens file)."""
    from ._auth import AuthFailure, Identity, JwtAuth, TokenFileAuth
    from ._auth import jwt_secret as secret_of

    secret = secret_of(jwt_secret)
    checks: list[Callable[[str, float], Identity]] = []
    if tokens is not None:
        checks.append(TokenFileAuth.from_file(tokens, roles))
    if secret is not None:
        checks.append(JwtAuth(secret))
    if not checks:
        raise WsMigrateError("no way to check tokens: pass --jwt-secret (or set "
                             "WS_MIGRATE_JWT_SECRET) or --tokens FILE")
    if len(checks) == 1:
        return checks[0]

    def either(token: str, now: float) -> Identity:
        failure: AuthFailure | None = None
        for check in checks:
            try:
                return check(token, now)
            except AuthFailure as err:
                failure = err if failure is None or err.expired else failure
        assert failure is not None
        raise failure

    return either


def redact_query(text: str) -> str:
    """`text` with the value of every query parameter whose name, once decoded, looks secret
    (`token`, `%74oken`, `token%3D…`, `api_key`, …) replaced by `***`: a server decodes names
    before it reads them, so a name redacted as written would let `?%74oken=…` through."""
    import re

    return re.sub(r"\?([^\s\"]*)", lambda m: "?" + _redact_params(m.group(1)), text)


def _redact_params(query: str) -> str:
    import re

    secret = re.compile(r"token|secret|passw|key|jwt|auth", re.IGNORECASE)
    kept = []
    for param in re.split(r"([&;])", query):
        decoded = param
        for _ in range(5):  # %2574 is %74 is t: decode until nothing changes
            again = unquote_plus(decoded)
            if again == decoded:
                break
            decoded = again
        name = decoded.partition("=")[0]
        kept.append(f"{name}=***" if param not in ("&", ";") and secret.search(name) else param)
    return "".join(kept)


def _log_without_tokens() -> None:
    """Log at INFO, with secrets in request paths hidden (`redact_query`): uvicorn logs the
    path with its query, and legacy clients put `?token=` there. (`logging` loads here: every
    other command of the CLI starts without it.)"""
    import logging

    class RedactTokens(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            if isinstance(record.msg, str) and "?" in record.msg:
                record.msg = redact_query(record.msg)
            if isinstance(record.args, tuple):
                record.args = tuple(redact_query(a) if isinstance(a, str) and "?" in a else a
                                    for a in record.args)
            return True

    for name in ("uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).addFilter(RedactTokens())
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")


def register(app: typer.Typer) -> None:
    """Add `serve`, `publish` and `validate` to `app`."""
    from ._protocol import DEFAULT_LIMITS as DEFAULTS  # no I/O, no third-party imports

    @app.command("serve", short_help="Run the unified WebSocket server.")
    def serve_command(
        rules: RulesOpt = None,
        host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every "
                                          "interface).")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8765,
        jwt_secret: JwtOpt = None,
        tokens: TokensOpt = None,
        api_key: ApiKeyOpt = None,
        broker: Annotated[str | None, typer.Option("--broker", help="redis://host:port/db to "
                                                   "share events between processes.")] = None,
        allowed_origin: Annotated[list[str] | None, typer.Option(
            "--allowed-origin", help="Browser origin allowed to connect (repeatable; '*' any; "
            "default: same host only).")] = None,
        allowed_host: Annotated[list[str] | None, typer.Option(
            "--allowed-host", help="Host name the server answers to, besides IP addresses, "
            "localhost, --host and the --allowed-origin hosts (repeatable; '*' any).")] = None,
        legacy_bridge: Annotated[bool, typer.Option("--legacy-bridge", help="Also serve the "
                                                    "rules' legacy endpoints.")] = False,
        history: Annotated[int, typer.Option("--history", help="Events kept per event type "
                                             "for recovery.")] = 1000,
        no_inspector: Annotated[bool, typer.Option("--no-inspector", help="Do not serve "
                                                   "/inspector and its API.")] = False,
        max_publish_bytes: Annotated[int, typer.Option(
            "--max-publish-bytes", min=1, help="Largest POST /publish body; more is 413.")
        ] = DEFAULTS.max_publish_bytes,
        max_connections_per_address: Annotated[int, typer.Option(
            "--max-connections-per-address", min=0, help="Connections open at once from one IP "
            "address (0: no cap); one more is 503.")] = DEFAULTS.max_connections_per_address,
        handshake_timeout: Annotated[float, typer.Option(
            "--handshake-timeout", min=0.1, help="Seconds for a connection to send a whole "
            "request (a WebSocket handshake); then it is closed.")] = DEFAULTS.handshake_timeout,
        idle_timeout: Annotated[float, typer.Option(
            "--idle-timeout", min=0.1, help="Seconds an HTTP keep-alive connection may wait "
            "for its next request.")] = DEFAULTS.idle_timeout,
    ) -> None:
        """Run the unified WebSocket server: /ws, POST /publish, /healthz, /metrics, /inspector."""
        with _errors():
            import uvicorn

            from ._app import create_app
            from ._broker import Broker, MemoryBroker, RedisBroker
            from ._guard import uvicorn_config
            from ._protocol import Limits

            the_rules = _rules(rules)
            auth = _authenticator(jwt_secret, tokens, {r for e in the_rules.events for r in e.roles})
            _can_listen(host, port)
            key = api_key or os.environ.get(API_KEY_ENV)
            if not key:
                import secrets

                key = secrets.token_urlsafe(24)
                typer.echo(f"POST /publish and /inspector API key (generated; pass --api-key to "
                           f"choose): {key}", err=True)
            if broker is not None and not broker.startswith(("redis://", "rediss://", "unix://")):
                raise WsMigrateError(f"--broker: expected redis://…, not {broker!r}")
            limits = Limits(history=history, max_publish_bytes=max_publish_bytes,
                            handshake_timeout=handshake_timeout, idle_timeout=idle_timeout,
                            max_connections_per_address=max_connections_per_address)
            chosen: Broker = (RedisBroker(broker, history=history) if broker
                              else MemoryBroker(history))
            asgi = create_app(the_rules, auth=auth, broker=chosen, api_key=key,
                              allowed_origins=allowed_origin or (), legacy_bridge=legacy_bridge,
                              limits=limits, inspector=not no_inspector,
                              allowed_hosts=[*(allowed_host or ()), host])
            if not no_inspector:
                typer.echo(f"inspector: http://{host}:{port}/inspector (the API key, or a token of "
                           f"the rules' admin_roles: {', '.join(the_rules.admin_roles) or 'none'})",
                           err=True)
            _log_without_tokens()
            uvicorn.Server(uvicorn_config(asgi, host=host, port=port, limits=limits,
                                          log_level="info")).run()

    @app.command("publish", short_help="Publish one event through a running server.")
    def publish_command(
        event_type: Annotated[str, typer.Argument(help="EventType to publish.")],
        data: Annotated[str, typer.Argument(help="The event's data, as JSON.")],
        server: Annotated[str, typer.Option("--server", help="http://host:port of the running "
                                            "server.")] = "http://127.0.0.1:8765",
        api_key: ApiKeyOpt = None,
    ) -> None:
        """Publish one event through a running server's POST /publish; prints its seq."""
        import json

        from ._validate import publish_http

        with _errors():
            _server_url(server)
            try:
                payload = json.loads(data)
            except ValueError as err:
                raise WsMigrateError(f"JSON: {err}") from None
            key = api_key or os.environ.get(API_KEY_ENV)
            if not key:
                raise WsMigrateError("pass --api-key or set WS_MIGRATE_API_KEY")
            typer.echo(str(publish_http(server, key, event_type, payload)))

    @app.command("validate", short_help="Check a server against what the code subscribes to.")
    def validate_command(
        path: Annotated[Path, typer.Argument(help="The migrated front end.")] = Path("."),
        rules: RulesOpt = None,
        server: Annotated[str | None, typer.Option(
            "--server", help="http://host:port of a running server (default: start one).")] = None,
        api_key: ApiKeyOpt = None,
        jwt_secret: JwtOpt = None,
        tokens: TokensOpt = None,
        legacy_bridge: Annotated[bool, typer.Option("--legacy-bridge", help="Also check the "
                                                    "rules' legacy endpoints through the bridge.")] = False,
        timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for "
                                               "each connection and event.")] = 3.0,
    ) -> None:
        """Check that a server grants, denies and delivers what the code at PATH subscribes to."""
        import asyncio

        from ..rules import load_rules

        with _errors():
            if not path.exists():
                raise WsMigrateError(f"{path}: no such file or directory")
            if server is not None:
                _server_url(server)
            from .._project import locate

            # the rules of the project PATH is in, as the other commands find them
            the_rules = load_rules(rules or (), Path(locate(str(path)).root))
            result = asyncio.run(_validate(path, the_rules, server, api_key, jwt_secret, tokens,
                                           legacy_bridge, timeout))
        for check in result.checks:
            mark = "ok  " if check.ok else "FAIL"
            who = f" [{check.role}]" if check.role else ""
            typer.echo(f"{mark} {check.event_type} {check.what}{who}: {check.detail}")
        failed = sum(not c.ok for c in result.checks)
        typer.echo(f"{len(result.event_types)} event types, {len(result.checks)} checks, "
                   f"{failed} failed", err=True)
        raise typer.Exit(result.return_code)


async def _validate(path: Path, rules: Rules, server: str | None, api_key: str | None,
                    jwt_secret: str | None, tokens: Path | None, legacy_bridge: bool,
                    timeout: float) -> ValidationResult:
    import yaml

    from ._app import create_app
    from ._auth import JwtAuth, make_jwt
    from ._auth import jwt_secret as secret_of
    from ._validate import running_server, subscribed_event_types, validate

    event_types = subscribed_event_types(path, rules)
    if not event_types:
        raise WsMigrateError(f"{path}: the code subscribes to no event type")
    if server is None:
        import secrets

        secret = secrets.token_urlsafe(32)
        own_key = secrets.token_urlsafe(16)
        app = create_app(rules, auth=JwtAuth(secret), api_key=own_key, legacy_bridge=legacy_bridge)
        async with running_server(app) as url:
            return await validate(
                event_types, rules, server=url, api_key=own_key, legacy_bridge=legacy_bridge,
                timeout=timeout,
                token_for=lambda role: make_jwt(secret, f"validate-{role}", role, time.time() + 300),
            )
    publish_key = api_key or os.environ.get(API_KEY_ENV)
    if not publish_key:
        raise WsMigrateError("with --server, pass --api-key or set WS_MIGRATE_API_KEY")
    given_secret = secret_of(jwt_secret)
    by_role: dict[str, str] = {}
    if tokens is not None:
        from .._yaml import compose_and_load, yaml_problem

        try:
            text = tokens.read_text(encoding="utf-8")
            doc = compose_and_load(text)[1] or {}
        except (OSError, UnicodeError) as err:
            raise WsMigrateError(f"{tokens}: cannot read: {getattr(err, 'strerror', None) or err}") from None
        except yaml.YAMLError as err:
            line, message = yaml_problem(err, text)
            raise WsMigrateError(f"{tokens}:{line}: {message}") from None
        for token, entry in (doc.items() if isinstance(doc, dict) else ()):
            if isinstance(entry, dict) and isinstance(entry.get("role"), str):
                by_role.setdefault(entry["role"], str(token))

    def token_for(role: str) -> str | None:
        if role in by_role:
            return by_role[role]
        if given_secret is not None:
            return make_jwt(given_secret, f"validate-{role}", role, time.time() + 300)
        return None

    if not by_role and given_secret is None:
        raise WsMigrateError("with --server, pass --jwt-secret or --tokens to act as each role")
    return await validate(event_types, rules, server=server, api_key=publish_key, token_for=token_for,
                          legacy_bridge=legacy_bridge, timeout=timeout)


def main() -> None:
    """`python -m ws_migrate.server`: the server commands alone (tests, containers)."""
    app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
    register(app)
    app(prog_name="ws-migrate-server")
