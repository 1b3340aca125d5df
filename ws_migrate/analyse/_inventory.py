"""What a scan found across the repo: connections, wrappers, findings, message types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class HandlerRef:
    """A handler attached to a connection, with where it lives (for the report and for `fix`)."""

    event: str
    style: str
    target: str
    file: str
    line: int
    types: tuple[str, ...] = ()
    whole_message: bool = False
    reconnect: bool = False
    fields: tuple[str, ...] = ()  # the message's own fields it reads (`type`, `payload`)
    decodes: str = ""  # what it decodes the message's text with, when not as JSON (`atob`)
    passed: tuple[tuple[str, int], ...] = ()  # fields whose value it hands on (not compares), and where


@dataclass(frozen=True)
class TypeSite:
    """Where a connection's code tells one legacy message type apart (a comparison, a case, a
    registration)."""

    type: str
    file: str
    line: int
    column: int
    how: str
    method: str = ""  # for `register`: the method of the wrapper's result that was called
    field: str = ""  # the message field compared (`type`, `event`, `data.op`); "" for registrations
    within: str = ""  # compared in an arm another field picks (`TypeUse.within`)


@dataclass(frozen=True)
class Connection:
    """A place where the app opens a legacy per-topic socket."""

    id: str
    file: str
    line: int
    column: int
    kind: Literal["direct", "wrapper-call"]
    via: tuple[str, ...] | None
    endpoint: str | None
    external: bool
    message_types: tuple[str, ...]
    event_types: tuple[str, ...]
    token_in_url: bool
    cleanup: bool | None
    fix: Literal["auto", "manual"]
    manual_reasons: tuple[str, ...]
    url: str = ""  # the URL as the scanner reads it, `{name}` for run-time parts
    owner: str | None = None
    binding: str = ""
    handlers: tuple[HandlerRef, ...] = ()
    type_sites: tuple[TypeSite, ...] = ()
    start: int = 0
    end: int = 0
    insecure: bool = False
    message_field: str | None = None  # the field its handlers tell message types apart by
    endpoints: tuple[str, ...] = ()  # every endpoint it may connect to (a run-time choice: several)
    library: str = ""  # the library that opens its socket (`react-use-websocket`), "" for WebSocket
    # the socket it goes through (a wrapper's `new WebSocket`, or its own): file, line, offset
    socket: tuple[str, int, int] = ("", 0, 0)
    adapted: bool = False  # that socket is the adapter `fix` writes: migrated, not legacy
    send_line: int = 0  # where the connection's own code sends on it (a wrapper call's result)
    escape_line: int = 0  # where it hands that result on, to code that may send on it
    # the files of those lines when not the connection's own (a mixin of the chain it mixes in)
    send_file: str = ""
    escape_file: str = ""
    loop: bool = False  # one of the sockets a loop opens at this place (one per element of a list)


@dataclass(frozen=True)
class Wrapper:
    """A function, hook, class or method that opens a socket whose endpoint its caller picks."""

    name: str
    file: str
    line: int
    column: int
    kind: str
    endpoint_template: str | None
    calls: int
    next: str | None = None  # the wrapper it calls into, None when it opens the socket itself
    declared: bool = False  # from the rules file's `wrappers:`
    subscribe: str | None = None


@dataclass(frozen=True)
class Finding:
    """One problem at one place; `fingerprint` is stable across line moves (for baselines and
    SARIF)."""

    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    message: str
    fingerprint: str = ""
    connection: str | None = None


@dataclass(frozen=True)
class MessageType:
    """A legacy message type on an endpoint, its EventType (None: unmapped) and where it is
    used."""

    type: str
    endpoint: str | None
    event_type: str | None
    handled_in: tuple[str, ...]
    emitted_in: tuple[str, ...] = ()  # where the back end sends it


@dataclass(frozen=True)
class ParseError:
    """A syntax error in a scanned file (the rest of the file is still scanned)."""

    file: str
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class ExternalSocket:
    """A socket to another host: never counted as legacy."""

    file: str
    line: int
    column: int
    url: str
    host: str | None


@dataclass(frozen=True)
class UnifiedClient:
    """The team's own unified client: one socket multiplexed by subscribe messages (found, or
    named in the rules' `unified_client:`). Not a legacy connection."""

    name: str
    file: str
    line: int
    endpoint: str | None
    declared: bool  # named in the rules
    users: tuple[tuple[str, int], ...] = ()  # (file, line) of the calls that subscribe through it


@dataclass(frozen=True)
class SocketIOClient:
    """A Socket.IO client (`io(url)`): not a raw WebSocket, never counted as legacy."""

    file: str
    line: int
    column: int
    url: str


@dataclass(frozen=True)
class Inventory:
    """What linking found in the front end: connections, wrappers, findings and message types."""

    connections: tuple[Connection, ...] = ()
    wrappers: tuple[Wrapper, ...] = ()
    findings: tuple[Finding, ...] = ()
    message_types: tuple[MessageType, ...] = ()
    external: tuple[ExternalSocket, ...] = ()
    socketio: tuple[SocketIOClient, ...] = ()
    unified: tuple[UnifiedClient, ...] = ()
    # connections through the adapter `fix` writes (`openLegacySocket`): migrated, the wrapper kept
    adapted: tuple[Connection, ...] = ()
    suppressed: int = 0
    extra: dict[str, object] = field(default_factory=dict)
