"""The inspector: `GET /inspector` (one page) and its JSON API under `/inspector/api/…`.

It answers the guide's "Events not received" from the server's own state: which connections
are open (user, role, subscriptions with their last `seq`, queue, frames and bytes, closes and
their codes, users with more than one connection), the events of the last minutes with who they
reached, who asked for them and was refused by role, and who was dropped or lagging; per-type
rates and the denied subscriptions; and **why not?** — for a user and an event type, whether the
user is connected, allowed by the rules' roles, subscribed, and whether the last such event was
sent to them.

What it reads is kept in bounded rings (`Journal`). While no inspector is open, an event costs
the hub one `record` (O(1): a ring entry and a per-second count), never a per-recipient step;
while one is (an API request within the last `WATCH_SECONDS`), the hub hands each event to
`Journal.deliver`, which delivers it as the hub does and notes each recipient (the first 25 of
each outcome, the rest counted). The page's polls cost little: the connections' rows come only
when `shape` says something changed, or every fourth poll for the counters. With the Redis
broker the events are every node's (they arrive through the broker) and the connections this
node's.

Every route wants the admin credential: the API key, or a token whose role the rules list in
`admin_roles`, as `Authorization: Bearer <credential>` or as the password of HTTP Basic (so a
browser asks for it once). Anything else gets 401 and a fixed body. The key is compared in
constant time (digests, so not even its length shows); a token goes through the server's own
`authenticate`. No token is kept, shown or logged.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import itertools
import json
import os
import socket
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ._auth import AuthFailure
from ._protocol import Authenticate, Event, Session

if TYPE_CHECKING:
    from ._app import EventPublisher, _Client, _Hub

WATCH_SECONDS: Final = 10.0  # an inspector counts as open this long after its last request
EVENTS_KEPT: Final = 500  # the event stream's ring
CONNECTIONS_SHOWN: Final = 5000  # rows of /inspector/api/connections at most
CLOSES_KEPT: Final = 200
DENIALS_SHOWN: Final = 100  # the newest, one by one, in /inspector/api/stats (all are summed)
DENIALS_KEPT: Final = 500
RATE_SECONDS: Final = 600  # per-second counts kept for the rates
NAMES_KEPT: Final = 25  # connections named per event and outcome; the rest are counted
MAX_CREDENTIAL: Final = 8192  # longer Authorization headers are refused unread

# The page runs only its own script and style and talks only to its own origin.
HEADERS: Final = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_CHALLENGE: Final = {"WWW-Authenticate": 'Basic realm="ws-migrate inspector", charset="UTF-8"'}
_STATIC: Final = {
    "inspector.js": "text/javascript; charset=utf-8",
    "inspector.css": "text/css; charset=utf-8",
    "inspector.svg": "image/svg+xml",
}


class _Json(Response):
    """JSON through orjson: a thousand connections' rows, twice a second, must cost little."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        try:
            return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)
        except TypeError:  # event data orjson cannot hold (an integer past 64 bits)
            return json.dumps(content, ensure_ascii=False, default=str).encode()


def _iso(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _user_role(client: _Client) -> tuple[str | None, str | None]:
    identity = client.session.identity
    return (identity.user, identity.role) if identity is not None else (None, None)


def _who(client: _Client) -> dict[str, Any]:
    """The connection as the stream names it (made once per connection: the user never
    changes, `refresh` keeps it)."""
    who = client.who
    if who is None or who["user"] is None:
        who = client.who = {"id": client.id, "user": _user_role(client)[0]}
    return who


@dataclass(frozen=True)
class Denial:
    """A subscription the rules' roles refused."""

    at: float
    stamp: str  # `at` in ISO 8601
    connection: int
    user: str | None
    role: str | None
    event_types: tuple[str, ...]


@dataclass(frozen=True)
class Closed:
    """A connection that ended, and how (times in ISO 8601, made once)."""

    at: str
    connection: int
    user: str | None
    role: str | None
    remote: str
    code: int | None
    reason: str
    opened: str


class EventRecord:
    """One event as this node saw it; the recipients are named only while an inspector watched."""

    __slots__ = ("at", "counts", "delivered", "denied", "dropped", "event", "id", "lagging",
                 "reached", "recorded")

    def __init__(self, number: int, event: Event, delivered: int) -> None:
        self.id = number
        self.at = time.time()
        self.event = event
        self.delivered = delivered
        self.recorded = False
        # the first `NAMES_KEPT` connections of each outcome, and how many there were
        self.reached: list[dict[str, Any]] = []
        self.denied: list[dict[str, Any]] = []
        self.dropped: list[dict[str, Any]] = []
        self.lagging: list[dict[str, Any]] = []
        self.counts = (0, 0, 0, 0)  # reached, denied, dropped, lagging

    def as_json(self) -> dict[str, Any]:
        event = self.event
        return {
            "id": self.id, "eventType": event.event_type, "seq": event.seq, "ts": event.ts,
            "at": _iso(self.at),
            "data": event.data, "delivered": self.delivered, "recorded": self.recorded,
            "reached": self.reached, "denied": self.denied, "dropped": self.dropped,
            "lagging": self.lagging, "reachedCount": self.counts[0],
            "deniedCount": self.counts[1], "droppedCount": self.counts[2],
            "laggingCount": self.counts[3],
        }

    def matches(self, event_type: str | None, user: str | None, text: str | None) -> bool:
        if event_type and self.event.event_type != event_type:
            return False
        if user and not any(w["user"] == user for group in
                            (self.reached, self.denied, self.dropped, self.lagging) for w in group):
            return False
        if text:
            haystack = json.dumps(self.event.data, ensure_ascii=False) + " " + self.event.event_type
            return text.casefold() in haystack.casefold()
        return True


class Journal:
    """The bounded memory behind the inspector: events, closes, denials and per-second counts."""

    def __init__(self) -> None:
        self.events: deque[EventRecord] = deque(maxlen=EVENTS_KEPT)
        self.closes: deque[Closed] = deque(maxlen=CLOSES_KEPT)
        self.denials: deque[Denial] = deque(maxlen=DENIALS_KEPT)
        self.totals: dict[str, int] = {}
        self.denials_total = 0  # ever: the rings' lengths stop growing
        self.closes_total = 0
        self.watching = False
        # connections that were refused a type (and may be still): the stream's "denied by role"
        self._denied: dict[str, set[_Client]] = {}
        self._count = 0
        self._second = -1
        self._bucket: dict[str, int] = {}
        self._seconds: deque[tuple[int, dict[str, int]]] = deque(maxlen=RATE_SECONDS)
        self._seen = 0.0
        self._timer: asyncio.TimerHandle | None = None
        self._rows: dict[int, dict[str, Any]] = {}  # what never changes of a connection's row

    def row(self, client: _Client) -> dict[str, Any]:
        """The fixed part of a connection's row (made once, after it authenticated)."""
        fixed = self._rows.get(client.id)
        if fixed is None:
            fixed = {"id": client.id, "user": _user_role(client)[0], "endpoint": client.path,
                     "remote": client.remote, "connectedAt": _iso(client.opened)}
            if fixed["user"] is not None:
                self._rows[client.id] = fixed
        return fixed

    # --- what the hub calls ---------------------------------------------------------------------

    def record(self, event: Event, delivered: int) -> EventRecord:
        """An event went to `delivered` connections (O(1): the stream's ring and the rates)."""
        self._count += 1
        entry = EventRecord(self._count, event, delivered)
        self.events.append(entry)
        event_type = event.event_type
        self.totals[event_type] = self.totals.get(event_type, 0) + 1
        second = int(time.monotonic())
        if second != self._second:
            self._second, self._bucket = second, {}
            self._seconds.append((second, self._bucket))
        self._bucket[event_type] = self._bucket.get(event_type, 0) + 1
        return entry

    def deliver(self, hub: _Hub, event: Event) -> int:
        """Deliver `event` as `_Hub.on_event` does, noting who got it; the number delivered."""
        event_type = event.event_type
        named: tuple[list[dict[str, Any]], ...] = ([], [], [], [])  # as `EventRecord.counts`
        counts = [0, 0, 0, 0]
        for client in list(hub.by_type.get(event_type, ())):
            text = client.session.deliver(event)
            if text is None:
                continue  # sent already (a replay overlapped), or held until a replay is sent
            outcome = 2 if not client.push(text) else 3 if client.queue else 0
            counts[outcome] += 1
            if counts[outcome] <= NAMES_KEPT:
                who = _who(client)
                named[outcome].append({**who, "queue": len(client.queue)} if outcome == 3 else who)
        for client in self._denied.get(event_type, ()):
            if not client.gone and isinstance(client.session, Session) \
                    and event_type in client.session.denied:
                counts[1] += 1
                if counts[1] <= NAMES_KEPT:
                    named[1].append(_who(client))
        entry = self.record(event, counts[0] + counts[3])
        entry.recorded = True
        entry.reached, entry.denied, entry.dropped, entry.lagging = named
        entry.counts = (counts[0], counts[1], counts[2], counts[3])
        return entry.delivered

    def denied(self, client: _Client, event_types: tuple[str, ...]) -> None:
        now = time.time()
        self.denials.append(Denial(now, _iso(now), client.id, *_user_role(client), event_types))
        self.denials_total += 1
        for event_type in event_types:
            self._denied.setdefault(event_type, set()).add(client)

    def closed(self, client: _Client) -> None:
        for clients in self._denied.values():
            clients.discard(client)
        self._rows.pop(client.id, None)
        self.closes_total += 1
        self.closes.append(Closed(_iso(time.time()), client.id, *_user_role(client),
                                  client.remote, client.close_code, client.close_reason,
                                  _iso(client.opened)))

    # --- an inspector is open -------------------------------------------------------------------

    def touch(self) -> None:
        """An inspector asked for something: name recipients for the next `WATCH_SECONDS`."""
        self._seen = time.monotonic()
        if not self.watching:
            self.watching = True
            self._arm(WATCH_SECONDS)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.watching = False

    def _arm(self, delay: float) -> None:
        self._timer = asyncio.get_running_loop().call_later(delay, self._check)

    def _check(self) -> None:
        idle = time.monotonic() - self._seen
        if idle >= WATCH_SECONDS:
            self._timer = None
            self.watching = False
        else:
            self._arm(WATCH_SECONDS - idle)

    # --- what the API reads ---------------------------------------------------------------------

    def rates(self, over: int) -> dict[str, float]:
        """Events per second of each type over the last `over` seconds."""
        since = int(time.monotonic()) - over
        counts: dict[str, int] = {}
        for second, bucket in reversed(self._seconds):
            if second <= since:
                break
            for event_type, count in bucket.items():
                counts[event_type] = counts.get(event_type, 0) + count
        return {t: c / over for t, c in counts.items()}


# --- the API's answers (plain data: the page shows exactly these) --------------------------------


def node_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def connections(hub: _Hub, limit: int = 5000, user: str | None = None,
                closes: int = CLOSES_KEPT) -> dict[str, Any]:
    """The open connections of this node (the first `limit` by id, of `user` if given), how
    many there are, the users with more than one, the last `closes` closes."""
    rows: list[dict[str, Any]] = []
    by_user: dict[str, list[int]] = {}
    for client in sorted(hub.clients, key=lambda c: c.id):
        session = client.session
        identity = session.identity
        if identity is not None:
            by_user.setdefault(identity.user, []).append(client.id)
        if len(rows) >= limit or (user is not None and (identity is None or identity.user != user)):
            continue
        subscribed = session.subscriptions if isinstance(session, Session) else client.types
        rows.append({
            **hub.journal.row(client),
            "role": identity.role if identity else None,  # `refresh` may change it
            "subscriptions": [
                {"eventType": t, "lastSeq": session.last_seq(t), "latestSeq": hub.latest.get(t)}
                for t in sorted(subscribed)
            ],
            "denied": sorted(session.denied) if isinstance(session, Session) else [],
            "queue": len(client.queue),
            "framesIn": client.frames_in, "bytesIn": client.bytes_in,
            "framesOut": client.frames_out, "bytesOut": client.bytes_out,
        })
    closed = [{
        "connection": c.connection, "user": c.user, "role": c.role, "remote": c.remote,
        "code": c.code, "reason": c.reason, "at": c.at, "openedAt": c.opened,
    } for c in itertools.islice(reversed(hub.journal.closes), closes)]
    return {
        "node": node_name(),
        "total": len(hub.clients),
        "connections": rows,
        "multiple": [{"user": u, "connections": ids} for u, ids in sorted(by_user.items())
                     if len(ids) > 1],
        "closed": closed,
    }


def shape(hub: _Hub) -> str:
    """Changes whenever a connection opens, closes or says anything (auth, subscribe, …), or a
    subscription is refused: a page that has the rows of this version has all but the counters."""
    said = sum(client.frames_in for client in hub.clients)
    journal = hub.journal
    return f"{hub.last_id}-{len(hub.clients)}-{said}-{journal.closes_total}-{journal.denials_total}"


def events(journal: Journal, *, after: int = 0, limit: int = 100, event_type: str | None = None,
           user: str | None = None, text: str | None = None) -> dict[str, Any]:
    """The newest `limit` events after `after` (an event `id`) that pass the filters, oldest
    first; `next` is the id to ask after next time."""
    picked: list[EventRecord] = []
    for entry in reversed(journal.events):
        if entry.id <= after or len(picked) >= limit:
            break
        if entry.matches(event_type, user, text):
            picked.append(entry)
    last = journal.events[-1].id if journal.events else after
    return {"recording": journal.watching, "next": max(last, after),
            "events": [e.as_json() for e in reversed(picked)]}


def stats(hub: _Hub, window: float = 600.0) -> dict[str, Any]:
    """Per-type rates (last 10 s and last minute), totals, and the denials of the last
    `window` seconds, one by one and summed by role and type."""
    journal = hub.journal
    fast, minute = journal.rates(10), journal.rates(60)
    rates = [{"eventType": t, "perSecond10s": round(fast.get(t, 0.0), 3),
              "perSecond60s": round(minute.get(t, 0.0), 3), "total": journal.totals.get(t, 0),
              "latestSeq": hub.latest.get(t)}
             for t in hub.event_roles]
    since = time.time() - window
    recent = [d for d in journal.denials if d.at >= since]
    summed: dict[tuple[str | None, str], int] = {}
    for denial in recent:
        for event_type in denial.event_types:
            summed[(denial.role, event_type)] = summed.get((denial.role, event_type), 0) + 1
    return {
        "node": node_name(),
        "rates": rates,
        "denied": [{"at": d.stamp, "connection": d.connection, "user": d.user, "role": d.role,
                    "eventTypes": list(d.event_types)}
                   for d in itertools.islice(reversed(recent), DENIALS_SHOWN)],
        "deniedByRole": [
            {"role": role, "eventType": t, "count": n,
             "allowedRoles": list(hub.event_roles.get(t, ()))}
            for (role, t), n in sorted(summed.items(), key=lambda kv: -kv[1])
        ],
        "windowSeconds": window,
    }


# "why not?": each connection of the user gets a verdict; the best one answers
_RANK: Final = ("delivered", "lagging", "not_delivered", "no_event_yet", "not_subscribed",
                "role_denied")


def _wire_or_same(hub: _Hub, event_type: str | None) -> str | None:
    """A filter's event type as the events carry it: a name becomes its wire value."""
    return (hub.wire_of(event_type) or event_type) if event_type else None


def why(hub: _Hub, user: str, event_type: str) -> dict[str, Any]:
    """Whether `user` gets `event_type` events, from this node's state: one verdict, one
    sentence, and the evidence per connection."""
    allowed = hub.event_roles[event_type]
    latest = hub.latest.get(event_type)
    mine = sorted((c for c in hub.clients
                   if c.session.identity is not None and c.session.identity.user == user),
                  key=lambda c: c.id)
    if not mine:
        closes = [c for c in hub.journal.closes if c.user == user]
        evidence: dict[str, Any] = {"connections": [], "allowedRoles": list(allowed),
                                    "latestSeq": latest}
        sentence = f"{user} is not connected to this node ({node_name()})"
        if closes:
            last = closes[-1]
            evidence["lastClose"] = {"code": last.code, "reason": last.reason, "at": last.at}
            sentence += (f": their last connection closed at {last.at} with code "
                         f"{last.code}{f' ({last.reason})' if last.reason else ''}.")
        else:
            sentence += ", and no connection of theirs closed here recently."
        return {"user": user, "eventType": event_type, "verdict": "not_connected",
                "sentence": sentence, "evidence": evidence}
    checks = [_check_one(client, event_type, allowed, latest) for client in mine]
    best = min(checks, key=lambda c: _RANK.index(c["verdict"]))
    many = f" (one of {len(mine)} connections: check for duplicates)" if len(mine) > 1 else ""
    return {"user": user, "eventType": event_type, "verdict": best["verdict"],
            "sentence": f"{best['sentence']}{many}",
            "evidence": {"connections": checks, "allowedRoles": list(allowed), "latestSeq": latest}}


def _check_one(client: _Client, event_type: str, allowed: Collection[str],
               latest: int | None) -> dict[str, Any]:
    session = client.session
    assert session.identity is not None
    user, role = session.identity.user, session.identity.role
    subscribed = (session.subscriptions if isinstance(session, Session) else client.types)
    last = session.last_seq(event_type)
    facts: dict[str, Any] = {"connection": client.id, "role": role, "endpoint": client.path,
                             "subscribed": event_type in subscribed, "lastSeq": last,
                             "queue": len(client.queue)}
    who = f"{user} (connection {client.id}, role {role})"
    if role not in allowed:
        asked = isinstance(session, Session) and event_type in session.denied
        roles = ", ".join(allowed) or "no role"
        verdict, sentence = "role_denied", (
            f"{who} may not receive {event_type}: the rules allow it to {roles}"
            + (", and the server refused their subscription to it." if asked else "."))
    elif event_type not in subscribed:
        others = ", ".join(sorted(subscribed)) or "nothing"
        verdict, sentence = "not_subscribed", (
            f"{who} is connected and allowed {event_type}, but has not subscribed to it "
            f"(subscribed: {others}).")
    elif latest is None:
        verdict, sentence = "no_event_yet", (
            f"{who} is subscribed to {event_type}, but none has been published since this "
            "node started.")
    elif last is not None and last >= latest:
        verdict, sentence = ("lagging" if client.queue else "delivered"), (
            f"{who} is subscribed to {event_type} and the last one (seq {latest}) was sent to "
            "them" + (f"; {len(client.queue)} frames still wait in their queue." if client.queue
                      else "."))
    else:
        got = "none" if last is None else f"seq {last}"
        verdict, sentence = "not_delivered", (
            f"{who} is subscribed to {event_type}, but the last one (seq {latest}) was not sent "
            f"to them (last sent: {got}): they subscribed after it, or it was dropped.")
    facts.update(verdict=verdict, sentence=sentence)
    return facts


# --- HTTP ---------------------------------------------------------------------------------------


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def credential(header: str) -> str:
    """The secret of an `Authorization` header: a Bearer token, or Basic's password (its user
    name when the password is empty); "" for anything else."""
    if len(header) > MAX_CREDENTIAL:
        return ""
    scheme, _, value = header.strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer":
        return value
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return ""
        name, _, password = decoded.partition(":")
        return password or name
    return ""


def admitted(header: str, api_key: str | None, authenticate: Authenticate,
             admin_roles: Collection[str]) -> bool:
    """Does this `Authorization` header carry the admin credential?"""
    secret = credential(header)
    if not secret:
        return False
    if api_key is not None and hmac.compare_digest(_digest(secret), _digest(api_key)):
        return True
    if not admin_roles:
        return False
    try:
        identity = authenticate(secret, time.time())
    except AuthFailure:
        return False
    except Exception:  # noqa: BLE001 - a broken auth callable admits nobody
        return False
    return identity.role in admin_roles


def inspector_routes(hub: _Hub, publisher: EventPublisher, api_key: str | None,
                     admin_roles: Collection[str]) -> list[Route]:
    """The page, its script and style, and the API, each behind the admin credential."""

    def guarded(handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            if not admitted(request.headers.get("authorization", ""), api_key, hub.authenticate,
                            admin_roles):
                return JSONResponse({"error": "missing or wrong credential"}, 401,
                                    headers={**HEADERS, **_CHALLENGE})
            hub.journal.touch()
            response: Response = await handler(request)
            response.headers.update(HEADERS)
            return response

        return endpoint

    async def page(request: Request) -> Response:
        return Response(_asset("inspector.html"), media_type="text/html; charset=utf-8")

    def asset(name: str) -> Callable[[Request], Any]:
        async def serve(request: Request) -> Response:
            return Response(_asset(name), media_type=_STATIC[name])

        return serve

    async def api_connections(request: Request) -> Response:
        try:
            limit = _bounded(request, "limit", 5000, CONNECTIONS_SHOWN)
            closes = _bounded(request, "closes", CLOSES_KEPT, CLOSES_KEPT)
        except ValueError:
            return JSONResponse({"error": "`limit` and `closes` must be integers"}, 400)
        version = shape(hub)
        if request.query_params.get("unless") == version:
            return _Json({"unchanged": True, "version": version})
        answer = connections(hub, limit, request.query_params.get("user") or None, closes)
        answer["version"] = version
        return _Json(answer)

    async def api_events(request: Request) -> Response:
        query = request.query_params
        try:
            after = int(query.get("after", "0"))
            limit = _bounded(request, "limit", 100, EVENTS_KEPT)
        except ValueError:
            return JSONResponse({"error": "`after` and `limit` must be integers"}, 400)
        return _Json(events(hub.journal, after=after, limit=limit,
                                   event_type=_wire_or_same(hub, query.get("eventType") or None),
                                   user=query.get("user") or None, text=query.get("q") or None))

    async def api_stats(request: Request) -> Response:
        return _Json(stats(hub))

    async def api_why(request: Request) -> Response:
        user, asked = request.query_params.get("user"), request.query_params.get("eventType")
        if not user or not asked:
            return JSONResponse({"error": "give `user` and `eventType`"}, 400)
        event_type = hub.wire_of(asked)  # its name or its wire value
        if event_type is None:
            return JSONResponse({"error": f"unknown event type {asked!r}; valid: "
                                          f"{', '.join(hub.event_roles)}"}, 400)
        return _Json(why(hub, user, event_type))

    async def api_publish(request: Request) -> Response:
        # a form or image on another site cannot send JSON, nor pass an Origin check
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return JSONResponse({"error": "the body must be application/json"}, 415)
        origin = request.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc != request.headers.get("host", ""):
            return JSONResponse({"error": "cross-origin publishing is refused"}, 403)
        from ._app import publish_body  # the same publishing as `POST /publish`

        return await publish_body(request, publisher, hub.limits.max_publish_bytes)

    table: Iterable[tuple[str, Callable[[Request], Any], str]] = (
        ("/inspector", page, "GET"),
        ("/inspector/inspector.js", asset("inspector.js"), "GET"),
        ("/inspector/inspector.css", asset("inspector.css"), "GET"),
        ("/inspector/inspector.svg", asset("inspector.svg"), "GET"),
        ("/inspector/api/connections", api_connections, "GET"),
        ("/inspector/api/events", api_events, "GET"),
        ("/inspector/api/stats", api_stats, "GET"),
        ("/inspector/api/why", api_why, "GET"),
        ("/inspector/api/publish", api_publish, "POST"),
    )
    return [Route(path, guarded(handler), methods=[method]) for path, handler, method in table]


def _bounded(request: Request, name: str, default: int, most: int) -> int:
    """The integer query parameter `name`, within 1..`most`; ValueError when not an integer."""
    return min(max(int(request.query_params.get(name, str(default))), 1), most)


def _asset(name: str) -> bytes:
    return resources.files("ws_migrate.server").joinpath("inspector", name).read_bytes()
