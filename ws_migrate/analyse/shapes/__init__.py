"""The code shapes the per-file analysis recognises, one module per family.

Each module reads one kind of thing out of a parsed file through the file's analysis
(`ws_migrate.analyse._typescript._FileAnalysis`, called `ctx` here) and returns plain data of
`ws_migrate.analyse._model`. Each has a case folder under `tests/data/scan/`.

- `_libraries`: what opens a socket: `new WebSocket(…)` and the library openers of the shipped
  pack (`react-use-websocket`, `@vueuse/core`, `reconnecting-websocket`, …); Socket.IO apart.
- `_handlers`: which function a handler value is (inline, named, `useCallback`, a ref, a bound
  method, a parameter, an import).
- `_messages`: what a message handler tells apart: the field it compares (`type`, `event`,
  `data.op`, …) and the values, literal or constant.
- `_registrations`: handlers registered per type on what a socket or wrapper gives back
  (`subscribe('x', fn)`, `client.on('x', fn)`, handler tables passed in).
- `_multiplexer`: a socket asked for subscriptions (`{ type: 'subscribe', … }`, or a frame its
  object's `subscribe…` method builds from its parameters): the team's own unified client.
- `_topic_stores`: listeners a module map keeps per topic, looked up by a field of each message: the
  parameters its registering functions take are the types their callers name; the same table in
  a field of a class, filled by a method of its own (`this.handlers[type] = cb`).
- `_handed_clients`: registrations on a client handed to a function (its parameter) or installed
  as the app's global property (`inject('hub', …)`, `Vue.prototype.$hub`).
- `_component_refs`: Vue components whose functions a parent calls through a template ref.
- `_relays`: a subject (`new Subject()`) the socket's handler relays each message to, read where
  it is piped (`filter((m) => m.op === op)`) or subscribed.
- `_stores`: a message handed to a Vuex or Pinia store by name (`dispatch('socket/onMessage',
  msg)`, `commit(SOCKET_MESSAGE, msg)`, `useSocketStore().onMessage(msg)`), and the store's
  actions and mutations read as handlers of their payload.
- `_exposure`: whether a function around a socket leaves its messages to its callers.
- `_module`: imports, exports, instances, constants and enums of the module.
- `_factories`: functions of the object a factory returns (`createFeed(base).watch({ topic })`).
- `_declared`: message types a TypeScript type declares (`type: 'a' | 'b'`).
- `_context_state`: the last message kept in state and provided by a React context.
- `_options`: Vue's options API (mixins).
- `_cleanup`: whether a React component closes what it opened.
"""
