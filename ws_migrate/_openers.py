"""What a library opener is: the data of one `libraries:` entry, light enough for the scan's
workers (which load the analysis, not the rules) to hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# What `fix` opens a legacy socket with over the unified service, by the `adapt` of the library
# that opened it ("": the browser's WebSocket): the functions of the adapters `init` writes. The
# scan reads their calls as adapted sockets, `fix` writes them.
ADAPTERS: dict[str, str] = {
    "": "openLegacySocket",
    "socket": "openLegacySocket",
    "reconnecting": "openReconnectingLegacySocket",
    "react-use-websocket": "useLegacyWebSocket",
    "vueuse": "useLegacyVueWebSocket",
    "sarus": "openLegacySarus",
    "sockette": "openLegacySockette",
    "bridge": "openLegacyBridge",
}
ADAPTER_NAMES: frozenset[str] = frozenset(ADAPTERS.values())


@dataclass(frozen=True)
class LibraryOpener:
    """A function or class of a library that opens a socket (one entry of `libraries:`; the
    shipped ones are in `rules/libraries.yaml`, which says what each field means)."""

    library: str  # the entry's name
    packages: tuple[str, ...]  # module specifiers it is imported from (`pkg` also matches `pkg/sub`)
    exports: tuple[str, ...]  # names it is imported as (`default` for the default export)
    new: bool = False  # called with `new`
    url: str = "0"  # where the URL is: an argument (`0`), or a key of one (`0.url`)
    options: int | None = None  # the argument with its handlers
    on_message: tuple[str, ...] = ()  # keys (paths) of the options whose functions get each message
    event_arg: int = 0  # which argument of such a function is the message event
    parsed: bool = False  # such functions get the parsed message, not the event
    last_message: tuple[str, ...] = ()  # properties of the result holding the last message, parsed
    raw_message: tuple[str, ...] = ()  # ... or its event / its text
    ref_message: tuple[str, ...] = ()  # ... as a Vue ref (`data.value`)
    subscribe: bool = False  # messages reach `.subscribe(fn)` / `.subscribe({ next: fn })` of the result
    connect: str = ""  # the method of the instance that opens the socket, given the URL (`connect`)
    listen: tuple[str, ...] = ()  # methods of the result whose function gets each parsed message
    # installed as a plugin of the app (`Vue.use(VueNativeSock, url, opts)`, `app.use(…)`): the
    # import is the first argument of a `use` call, and `url`/`options` count that call's arguments
    plugin: bool = False
    # the store mutations it commits each message to (`SOCKET_ONMESSAGE`; renamed by the options'
    # `mutations` map), read as the parsed message (their second parameter) when the options say
    # `format: 'json'`
    commits: tuple[str, ...] = ()
    kind: str = "socket"  # "socket", or "socketio" (listed apart, never legacy)
    # names it is used by without an import: a global the page's `<script>` defines
    # (`new SockJS(url)` with `declare let SockJS: any`, or in a classic script)
    globals: tuple[str, ...] = ()
    adapt: str = ""  # what `fix` puts in its place: "socket", "reconnecting", or "" (nothing)

    def matches(self, imp: Imported) -> bool:
        """Does import `imp` bring in this opener?"""
        return imp.imported in self.exports and any(
            imp.source == p or imp.source.startswith(p + "/") for p in self.packages)

    def names_exactly(self, imp: Imported) -> bool:
        """Is `imp`'s module one of the entry's own (not a sub-path of one)? Such an entry wins
        over one that only matches by prefix (`partysocket/ws` over `partysocket`)."""
        return imp.source in self.packages


class Imported(Protocol):
    """An import, as `LibraryOpener.matches` reads it."""

    @property
    def imported(self) -> str: ...
    @property
    def source(self) -> str: ...
