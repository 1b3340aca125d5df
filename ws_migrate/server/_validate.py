"""`validate`: prove a migrated front end's subscriptions against a running unified server.

For every event type the code at PATH subscribes to (the scan's connections, plus
`websocketService.subscribe([EventType.X, …])` calls found by a regex), one client per role
subscribes to all of them: a role the rules allow must be granted the type and receive a published
sample, a role they do not must be denied it. With the legacy bridge, a legacy client of each
endpoint that carries the type must receive the sample in the legacy envelope.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import secrets
import socket
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._exceptions import WsMigrateError
from ..rules import Rules
from ._legacy import legacy_message, legacy_routes
from ._protocol import DEFAULT_LIMITS, Event

_SUBSCRIBE_CALL = re.compile(r"\.subscribe\(\s*\[([^\]]*)\]")
_EVENT_MEMBER = re.compile(r"EventType\.([A-Za-z_][A-Za-z0-9_]*)")
_COMMENTS = re.compile(r"/\*.*?\*/|(?<![:\w])//[^\n]*", re.DOTALL)


@dataclass(frozen=True)
class Check:
    """One expectation about one event type and whether the server met it."""

    event_type: str
    what: str  # "receive", "deny", "legacy", "declared"
    role: str | None
    ok: bool
    detail: str


@dataclass(frozen=True)
class ValidationResult:
    """The EventTypes the code subscribes to, and each check made against the server."""

    event_types: tuple[str, ...]
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def return_code(self) -> int:
        """0 every check passed, 1 some failed."""
        return 0 if self.ok else 1


def subscribed_event_types(path: Path, rules: Rules) -> tuple[str, ...]:
    """Event types the code at `path` subscribes to, in first-seen order."""
    from ..scan import scan

    found: dict[str, None] = {}
    result = scan(path, rules=rules, use_cache=False)
    for connection in result.connections:
        for event_type in connection.event_types:
            found.setdefault(event_type, None)
    from ..walk import walk

    for source in walk(path, languages=("typescript", "tsx", "javascript", "vue", "svelte")).files:
        try:
            text = source.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        # examples in comments (the generated client's docs show `subscribe([EventType.X])`)
        text = _COMMENTS.sub(" ", text)
        for call in _SUBSCRIBE_CALL.finditer(text):
            for member in _EVENT_MEMBER.findall(call.group(1)):
                found.setdefault(member, None)
    return tuple(found)


async def validate(
    event_types: tuple[str, ...],
    rules: Rules,
    *,
    server: str,
    api_key: str,
    token_for: Callable[[str], str | None],
    legacy_bridge: bool = False,
    timeout: float = 3.0,
) -> ValidationResult:
    """Run the checks against the server at `server` (`http://host:port`).

    `token_for(role)` gives a token of that role, or None when there is none (those checks are
    reported as failed with the reason). Raises `WsMigrateError` when the server is unreachable.
    """
    from websockets.asyncio.client import connect

    # the code names EventTypes; the server knows them by their wire value (the name by default)
    roles_of = {event.value: tuple(event.roles) for event in rules.events}
    wire = {event.name: event.value for event in rules.events}
    name_of = {event.value: event.name for event in rules.events}
    all_roles = sorted({role for roles in roles_of.values() for role in roles})
    checks: list[Check] = []
    declared = [wire[t] for t in event_types if t in wire]
    for event_type in event_types:
        if event_type not in wire:
            checks.append(Check(event_type, "declared", None, False,
                                "the code subscribes to it but the rules do not declare it"))
    ws_url = re.sub(r"^http", "ws", server.rstrip("/"))
    async with contextlib.AsyncExitStack() as stack:
        clients: dict[str, Any] = {}
        granted: dict[str, set[str]] = {}
        for role in all_roles:
            token = token_for(role)
            if token is None:
                checks.extend(Check(name_of[t], "receive" if role in roles_of[t] else "deny", role, False,
                                    f"no token for role {role!r}") for t in declared)
                continue
            try:
                client = await stack.enter_async_context(connect(ws_url + "/ws", open_timeout=timeout))
            except (OSError, TimeoutError) as err:
                raise WsMigrateError(f"{server}: cannot connect: {err}") from None
            await client.send(json.dumps({"type": "auth", "token": token}))
            reply = await _next(client, timeout, lambda m: m.get("type") in ("auth_ok", "auth_error"))
            if reply is None or reply["type"] != "auth_ok":
                reason = "no answer" if reply is None else reply.get("reason", "refused")
                checks.extend(Check(name_of[t], "receive", role, False, f"auth failed: {reason}")
                              for t in declared)
                continue
            await client.send(json.dumps({"type": "subscribe", "id": 1, "eventTypes": declared}))
            answer = await _next(client, timeout, lambda m: m.get("type") in ("subscribed", "error"))
            if answer is None or answer["type"] != "subscribed":
                detail = "no answer" if answer is None else answer.get("message", "error")
                checks.extend(Check(name_of[t], "receive", role, False, f"subscribe failed: {detail}")
                              for t in declared)
                continue
            granted[role] = set(answer.get("eventTypes", []))
            clients[role] = client
            for event_type in declared:
                if role not in roles_of[event_type]:
                    ok = event_type in answer.get("denied", []) and event_type not in granted[role]
                    checks.append(Check(name_of[event_type], "deny", role, ok,
                                        "denied" if ok else "granted to a role the rules forbid"))
        legacy = await _legacy_clients(stack, rules, ws_url, token_for, legacy_bridge, timeout)
        for event_type in declared:
            sample = {"validate": True, "eventType": event_type, "nonce": secrets.token_hex(4)}
            seq = await _publish(server, api_key, event_type, sample, timeout)
            for role, client in clients.items():
                if role not in roles_of[event_type]:
                    continue
                if event_type not in granted[role]:
                    checks.append(Check(name_of[event_type], "receive", role, False, "not granted"))
                    continue
                wanted = {"type": "event", "eventType": event_type, "data": sample}
                got = await _next(client, timeout, _matches(wanted))
                checks.append(Check(name_of[event_type], "receive", role, got is not None,
                                    f"received seq {seq}" if got else "no event within "
                                    f"{timeout:g} s"))
            for route, role, client in legacy:
                if event_type not in route.legacy_types or role not in roles_of[event_type]:
                    continue
                want = json.loads(legacy_message(route, rules.envelope,
                                                 Event(event_type, sample, seq, "")))
                got = await _next(client, timeout, want.__eq__)
                checks.append(Check(name_of[event_type], "legacy", role, got is not None,
                                    f"{route.pattern}: legacy envelope received" if got
                                    else f"{route.pattern}: no {json.dumps(want)}"))
    return ValidationResult(event_types, tuple(checks))


async def _legacy_clients(stack: contextlib.AsyncExitStack, rules: Rules, ws_url: str,
                          token_for: Callable[[str], str | None], enabled: bool,
                          timeout: float) -> list[tuple[Any, str, Any]]:
    from websockets.asyncio.client import connect

    if not enabled:
        return []
    roles_of = {event.value: tuple(event.roles) for event in rules.events}
    clients: list[tuple[Any, str, Any]] = []
    for route in legacy_routes(rules):
        roles = sorted({r for t in route.legacy_types for r in roles_of.get(t, ())})
        if not roles or "{" in route.pattern:
            continue  # a parameterised endpoint is checked through its literal siblings
        role = roles[-1] if "admin" not in roles else "admin"
        token = token_for(role)
        if token is None:
            continue
        client = await stack.enter_async_context(
            connect(f"{ws_url}{route.paths[0]}?token={token}", open_timeout=timeout)
        )
        clients.append((route, role, client))
    return clients


def _matches(wanted: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
    return lambda message: all(message.get(k) == v for k, v in wanted.items())


async def _next(client: Any, timeout: float, want: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
    """The next message matching `want` within `timeout`, skipping others."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            raw = await asyncio.wait_for(client.recv(), left)
        except Exception:  # noqa: BLE001 - a timeout or a closed socket: nothing more comes
            return None
        try:
            message = json.loads(raw)
        except ValueError:
            continue
        if isinstance(message, dict) and want(message):
            return message


async def _publish(server: str, api_key: str, event_type: str, data: Any, timeout: float) -> int:
    return await asyncio.to_thread(publish_http, server, api_key, event_type, data, timeout)


def publish_http(server: str, api_key: str, event_type: str, data: Any, timeout: float = 5.0) -> int:
    """`POST /publish` to `server`; returns the event's seq. Raises `WsMigrateError`."""
    import urllib.error
    import urllib.request

    body = json.dumps({"eventType": event_type, "data": data}).encode("utf-8")
    request = urllib.request.Request(
        server.rstrip("/") + "/publish", data=body, method="POST",
        headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(json.loads(response.read())["seq"])
    except urllib.error.HTTPError as err:
        try:
            reason = json.loads(err.read()).get("error", err.reason)
        except ValueError:
            reason = err.reason
        raise WsMigrateError(f"{server}: publish refused ({err.code}): {reason}") from None
    except (urllib.error.URLError, OSError) as err:
        raise WsMigrateError(f"{server}: cannot publish: {getattr(err, 'reason', err)}") from None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def running_server(app: Any, host: str = "127.0.0.1", port: int | None = None) -> AsyncIterator[str]:
    """Runs `app` under uvicorn in this event loop; yields its `http://host:port`."""
    import uvicorn

    from ._guard import uvicorn_config

    port = port or free_port()
    limits = getattr(getattr(getattr(app, "state", None), "hub", None), "limits", DEFAULT_LIMITS)
    server = uvicorn.Server(uvicorn_config(app, host=host, port=port, limits=limits,
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
            raise WsMigrateError(f"the server could not start on {host}:{port}")
        await asyncio.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        await task
