"""Plain data the per-file analysis produces: picklable, cacheable, free of parse trees.

A `FileSummary` holds what one file says on its own: the sockets it opens, the calls it makes
that might go through a wrapper, the handlers attached to each, its imports and exports. The
link stage (`_link.py`) joins the summaries of all files into connections and wrappers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ws_migrate.analyse._values import Param, Ref, Value

OwnerKind = Literal["function", "hook", "component", "class", "method", "mixin"]
SiteKind = Literal["socket", "call", "new", "member-call", "jsx"]


@dataclass(frozen=True)
class Pos:
    """Where a node is: line and column for people, byte offsets for rewrites."""

    line: int  # 1-based
    column: int  # 1-based, in characters
    start: int  # byte offsets into the file
    end: int


@dataclass(frozen=True)
class TypeUse:
    """A legacy message type a handler dispatches on, and how it was found."""

    type: str  # the value on the wire ("" while `ref` is not resolved)
    pos: Pos
    # (`label`: a key of a table of display texts, `TITLES[msg.status]`: a look-up, no dispatch)
    how: Literal["compare", "switch", "table", "label", "register", "includes", "declared"]
    field: str = ""  # the message's field it is compared with: `type`, `event`, `data.op`
    ref: Ref | None = None  # a constant of another file (`MESSAGE_TYPES.AUTH_OK`), for linking
    # compared with a parameter of the function around the handler (`msg.kind === kind`): the
    # values its callers give are the types, read when linked
    param: Param | None = None
    # with `param`: the keys of the table its callers give there are the types, not its value
    # (`for (const [t, fn] of Object.entries(handlers)) ws.on(t, fn)`)
    keys: bool = False
    # the other field whose value picks the arm this comparison is in (`case 'user': switch
    # (m.kind)`: `type`): a kind of that kind of message, no message type where that field is
    # the discriminator
    within: str = ""


@dataclass(frozen=True)
class Handler:
    """A handler attached to a socket (or to what a wrapper returned)."""

    event: Literal["message", "error", "close", "open"]
    style: Literal["property", "listener"]  # `.onmessage =` or `addEventListener('message', …)`
    target: str  # `inline`, `named:handleMessage`, `member:this.onMessage`, `unknown:<text>`
    pos: Pos
    type_uses: tuple[TypeUse, ...] = ()
    whole_message: bool = False  # parses the message and uses it without a type dispatch
    reconnect: bool = False  # close handler that opens a new socket by hand
    # a registry dispatch (`handlers.get(msg.type)?.(msg.payload)`) that hands handlers the payload
    forwards_payload: bool = False
    unguarded_parse: tuple[Pos, ...] = ()
    # fields it looks handlers up by at run time (`handlers.get(msg.event)`, `s.event === msg.event`)
    dispatch: tuple[str, ...] = ()
    # fields of a key it builds to look handlers up by (`listeners.get(keyOf(m.room, m.path))`):
    # messages routed to their subscriptions, as a multiplexed client's are
    routes: tuple[str, ...] = ()
    # parameters of the function around the socket it hands messages to (`onMessage(msg)`,
    # `opts.onData(msg)`, `handlerRef.current(msg)` set from a parameter), or whose entries it
    # looks handlers up in by type (`handlers[msg.type]`): the function's callers handle them
    hands: tuple[Param, ...] = ()
    tables: tuple[Param, ...] = ()
    delegates: tuple[str, ...] = ()  # imported functions it gives the message to (read when linked)
    forwards: bool = False  # gives the message to functions it was handed (subscribers)
    fields: tuple[str, ...] = ()  # the message's own fields it reads (`type`, `payload`)
    decodes: str = ""  # what it decodes the message's text with, when not as JSON (`atob`)
    passed: tuple[tuple[str, int], ...] = ()  # fields whose value it hands on (not compares), and where
    declared: tuple[str, ...] = ()  # the types it reads the message as (`const m: Frame = JSON.parse(…)`)
    # objects it emits each message on, by a field (`bus.emit(msg.event, msg.data)`): the types
    # registered on them (`bus.on('order_paid', fn)`, in any file) are its types
    emits_to: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()  # React states it keeps each message in (`setLast(msg)`: `last`)
    # the store actions and mutations it hands each message to by name, `dispatch:socket/onMessage`,
    # `commit:SOCKET_ONMESSAGE`, `pinia:useSocketStore.onMessage`: what they tell apart in the
    # payload they get are its types (`shapes/_stores`, read when linked)
    stores: tuple[str, ...] = ()
    # events its class fires again with the message on itself (`this.emit('message', msg)`,
    # `this.dispatchEvent(new CustomEvent('message', { detail: event }))`): (event, what the
    # listener's first parameter is: `message`, `event`, `detail-message`, `detail-event`);
    # the listeners added for that event on its instances read the messages (`shapes/_reemits`)
    reemits: tuple[tuple[str, str], ...] = ()
    # the handler read where what the functions `filters` give back for the message is the
    # message still (`const data = processMessage(msg)`): the linker's, where each is a filter
    filters: tuple[str, ...] = ()
    filtered: Handler | None = None


@dataclass(frozen=True)
class Binding:
    """Where the socket or the wrapper's result is kept."""

    kind: Literal["variable", "member", "ref", "destructured", "returned", "none"]
    text: str = ""  # `ws`, `this.ws`, `wsRef.current`
    names: tuple[str, ...] = ()  # for destructured results: local names of the properties
    properties: tuple[str, ...] = ()  # ... and the property names they read
    module: bool = False  # a variable of the module (`export const alerts = new Feed(…)`)
    assigned: bool = False  # a variable of the module set by an assignment (`ws = connect()`)


@dataclass(frozen=True)
class Registration:
    """`subscribe('bind_reload', fn)` / `client.on('alert_raised', fn)` on a wrapper's result."""

    method: str
    use: TypeUse


@dataclass(frozen=True)
class FieldUse:
    """What an options object (or a class) does with a socket kept by key in a field of `this`
    (`this.bridges[label]`), or a call of one of `this`'s methods (`shapes/_kept`)."""

    how: Literal["send", "hand", "call"]  # sends on `this.F[k]`, hands it on, calls `this.name(…)`
    name: str  # the field F (send, hand), or the method called (call)
    line: int
    method: str = ""  # for a send: the method it is in
    param: int = -1  # for a send: which parameter of that method the key is (-1: none)
    args: tuple[Value, ...] = ()  # the key (send, hand), or the call's arguments (call)


@dataclass(frozen=True)
class Site:
    """A `new WebSocket(...)`, or a call that opens one if its callee turns out to be a wrapper."""

    kind: SiteKind
    callee: str  # "" for sockets; `useHealthSocket`, `TopicClient`, `socketManager.connect`
    args: tuple[Value, ...]
    pos: Pos
    owner: str | None  # nearest named function/class/method whose parameters `args` may use
    owner_kind: OwnerKind | None
    binding: Binding = Binding("none")
    handlers: tuple[Handler, ...] = ()
    registrations: tuple[Registration, ...] = ()
    closes: bool = False
    sends: int = 0
    cleanup: bool | None = None  # closed in a React effect cleanup; None outside React code
    in_react: bool = False
    snippet: str = ""  # normalised source text of the site, for line-independent ids
    # for sockets: why `fix` cannot rewrite this code shape ("" when it can)
    blocker: str = ""
    # for a method called on a local instance (`const feed = new Feed(); feed.open(…)`): `Feed`
    receiver: str = ""
    # how the callers of the function around it reach its messages: "returned" (it returns the
    # socket or the wrapper's result), "hands" (its handler calls their callback or table),
    # "registry" (it returns a way to register handlers by type); "" when it handles them itself
    exposes: str = ""
    library: str = ""  # for sockets: the library that opens it (`react-use-websocket`), "" for WebSocket
    # message types named in the call's own arguments (`alerts.on('alarm', fn)`,
    # `registerEventHandler(id, ['a', 'b'], fn)`): registrations when the object is a connection
    type_args: tuple[TypeUse, ...] = ()
    # functions passed in the arguments, read as message handlers: (argument, path in it, handler)
    arg_handlers: tuple[tuple[int, tuple[str, ...], Handler], ...] = ()
    # object literals of functions passed in the arguments: (argument, path, their keys)
    arg_tables: tuple[tuple[int, tuple[str, ...], tuple[TypeUse, ...]], ...] = ()
    provides: tuple[str, ...] = ()  # contexts whose `.Provider` the component around it renders
    # properties of the value it provides that hold the last message its handler keeps in state
    # (`value={{ lastMessage }}`: `lastMessage`; "" for the value itself)
    kept_as: tuple[str, ...] = ()
    # a context's consumer (`const { lastMessage } = useWs()`): the types its component tells
    # apart in each property it takes, read as the message: (property, uses)
    context_reads: tuple[tuple[str, tuple[TypeUse, ...]], ...] = ()
    # methods called later on what the call returns, with their arguments (`stream.start('/x')`)
    later: tuple[tuple[str, tuple[Value, ...]], ...] = ()
    # for sockets: the code sends subscribe frames built from a parameter (`subscribe(types)` →
    # `send({ type: 'subscribe', events: types })`): one socket multiplexed by subscriptions
    multiplexed: bool = False
    send_line: int = 0  # the line of the first `.send(` on it, or of a `send…` it returned (0: none)
    # for calls: the line where what it returns is handed on (returned, passed, stored; 0: none),
    # so code the scan does not follow may send on it (`shapes/_escapes`)
    escape_line: int = 0
    # for sockets: opened through the adapter `fix` writes (`openLegacySocket(url)`): migrated
    adapted: bool = False
    # for sockets: the field of `this` it is kept in by key (`this.$set(this.bridges, label, s)`)
    kept_in: str = ""
    # for such a socket: what its object does with `this.<kept_in>[…]`; for a `mixins:` entry:
    # what the component does with `this.F[…]` and `this`'s methods it calls (`shapes/_kept`)
    field_uses: tuple[FieldUse, ...] = ()
    # for sockets: the registration points a factory returns (`return { addEventListener:
    # addListener }`, whose event and callback parameters are the socket's listener):
    # (factory, property, event index, callback index); the calls of that property on what a
    # call of the factory returned, in any file, attach their handlers (`shapes/_listeners`)
    listen_via: tuple[tuple[str, str, int, int], ...] = ()
    # for calls: the handlers handed to methods of what it returned with a literal socket event
    # (`handler.addEventListener('message', 'key', fn)`): (method, event index, callback index, handler)
    listened: tuple[tuple[str, int, int, Handler], ...] = ()
    # for sockets: its message handlers call the callbacks its subscribe function files under
    # the topic it subscribes to (`subscriptions[topic].push(cb)`, read by the handler)
    routed: bool = False
    # for sockets: the property of a store's state it is kept in (`set({ socket: new WebSocket(…) })`
    # in the setup of `useLive = create(…)`); for calls of a store's hook: the property each of its
    # handlers is attached to (`useLive((s) => s.socket)`), by the handler's start byte (`shapes/_store_state`)
    store_key: str = ""
    selects: tuple[tuple[str, int], ...] = ()
    # the app's global property a `new C(…)` is installed as (`inject('hub', new C())`: `$hub`),
    # and for a registration on a parameter of its owner (`hub.on('x', fn)`), that parameter's
    # index: what the owner's callers pass there has the registration (`shapes/_handed_clients`)
    installed_as: str = ""
    on_param: int = -1
    # for sockets: made by an anonymous function handed to a call or `new` (`new LiveSocket(() =>
    # new WebSocket(url))`): (callee, argument, property of it, the module variable the result is
    # kept in); for a call of a field of `this`: the constructor parameter (index, property) the
    # field holds (`this.create()`): where the class calls it, the socket's handlers are set
    # (`shapes/_creators`)
    creator: tuple[str, int, tuple[str, ...], str] | tuple[()] = ()
    calls_param: tuple[int, tuple[str, ...]] | None = None
    # for calls (and member calls): the functions given to a listener method of its result (or
    # of its own callee) with an event before them (`live.on('frame', fn)`): (the event, a
    # literal `'frame'` or a constant's name `ref:EVENT_MESSAGE`, the root read, the handler),
    # one per way a re-emitting class may hand it the message (`shapes/_reemits`)
    relistened: tuple[tuple[str, str, Handler], ...] = ()


@dataclass(frozen=True)
class StoreHandler:
    """An action or mutation of a store (Vuex's `actions: { onMessage(ctx, payload) {…} }`,
    `mutations: { [SOCKET_ONMESSAGE](state, message) {…} }`, Pinia's `defineStore('socket',
    { actions: { onMessage(payload) {…} } })`), with what it tells apart in its payload."""

    kind: Literal["action", "mutation", "pinia"]
    name: str  # its key as written (`onMessage`), or the constant's name of a computed key
    pos: Pos
    uses: tuple[TypeUse, ...] = ()
    constant: str = ""  # a computed key's constant (`[SOCKET_ONMESSAGE]`): its name
    ref: Ref | None = None  # ... imported: where its value is, for linking
    store: str = ""  # a Pinia store's hook (`useSocketStore`), or the id it is defined with


@dataclass(frozen=True)
class FunctionInfo:
    """A named function, hook, component, class or method, with its parameters."""

    name: str  # `useTopicSocket`, `TopicClient`, `SocketManager.connect`
    kind: OwnerKind
    params: tuple[tuple[str, ...], ...]  # per positional parameter: its name, or destructured names
    pos: Pos
    returns: Value | None = None  # what it returns over its parameters, when that is one value
    # message types it tells apart in the message its parameter `reads_at` receives (a
    # dispatcher imported by the file that opens the socket)
    reads: tuple[TypeUse, ...] = ()
    # parameters it reads as handler tables keyed by message type (`Object.entries(handlers)`)
    tables: tuple[int, ...] = ()
    shared: bool = False  # a store's hook (`defineStore`, `create`): every call gets the same one
    returns_type: str = ""  # the type it is declared to return, when a plain name (`: RuntimeManager`)
    # what it returns may send on a socket (not only state or data: `shapes/_escapes.hands_send`)
    hands_send: bool = True
    reads_at: int = 0  # the parameter `reads` is of: 1 for `handle(socket, msg, setRows)`
    # the parameter it gives back unchanged, or nothing (`return false`): a filter (`shapes/_filters`)
    passes: int = -1


@dataclass(frozen=True)
class Import:
    """An `import` binding: the local name, the name it has in `source`."""

    local: str
    imported: str  # a name, `default`, or `*`
    source: str


@dataclass(frozen=True)
class Export:
    """An `export` of a module: a local name, or a re-export from another module."""

    exported: str
    local: str | None  # None for re-exports
    source: str | None = None  # `export { x } from './y'`, `export * from './z'` (exported `*`)


@dataclass(frozen=True)
class FileSummary:
    """Everything linking needs of one file, found without the other files: what the cache
    keeps."""

    rel: str
    language: str
    sockets: tuple[Site, ...] = ()
    calls: tuple[Site, ...] = ()
    functions: tuple[FunctionInfo, ...] = ()
    imports: tuple[Import, ...] = ()
    exports: tuple[Export, ...] = ()
    instances: tuple[tuple[str, str], ...] = ()  # module-level `const x = new C(...)`: (x, C)
    constants: tuple[tuple[str, Value], ...] = ()  # module-level constants and enums, by name
    socketio: tuple[tuple[Pos, str], ...] = ()  # Socket.IO clients (`io(url)`): never legacy sockets
    classic: bool = False  # no import or export: a classic script, whose top level is global
    # a `<script setup>`'s `defineExpose({ … })`: (name a parent's ref calls, function of the file)
    exposes: tuple[tuple[str, str], ...] = ()
    # module instances installed as the app's global properties: (`$socket`, `socket`)
    installs: tuple[tuple[str, str], ...] = ()
    # the classes the file declares with a base class: (class, base as written, `Model`)
    bases: tuple[tuple[str, str], ...] = ()
    # Svelte's `$store` of an imported store, read as the last message it holds: (import, types)
    store_reads: tuple[tuple[str, tuple[TypeUse, ...]], ...] = ()
    # (line, ids it suppresses (`*`: all), trailing: covers its own line only)
    ignores: tuple[tuple[int, tuple[str, ...], bool], ...] = ()
    # (type, property, value, where) of its interfaces' and type aliases' string-literal properties
    declared_types: tuple[tuple[str, str, str, Pos], ...] = ()
    store_handlers: tuple[StoreHandler, ...] = ()  # its stores' actions and mutations (`shapes/_stores`)
    parse_error: Pos | None = None
    parse_error_message: str = ""
    lines: int = 0
    extra: dict[str, object] = field(default_factory=dict)
