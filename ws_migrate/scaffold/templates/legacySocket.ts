/**
 * A legacy per-topic socket, kept for the code that still opens one, over the unified service.
 *
 *   const ws = openLegacySocket(`/ws/health/${userId}?token=${token}`);   // was `new WebSocket(…)`
 *   ws.onmessage = (event) => { const msg = JSON.parse(event.data); … };  // unchanged
 *
 * `openLegacySocket(url)` returns an object with the WebSocket API (`onopen`, `onmessage`,
 * `onerror`, `onclose`, `addEventListener`, `readyState`, `close`) that opens no socket of its
 * own: it subscribes to the EventTypes the rules map the URL's endpoint to, and hands each event
 * to the code as the message that endpoint used to send (`{type: 'forwarder_status', payload}`,
 * or the event's data as the whole message for the endpoint's default event: a string as the
 * text frame it was, a log line say, anything else as JSON). The app keeps
 * its wrappers, hooks and classes as they are and opens one connection per user.
 *
 * The service connects once: with a token the URL carries (`?token=…`), or when the app calls
 * `websocketService.connect(token)`. While the service is connected the legacy socket is open;
 * when the service loses its connection the legacy socket closes (code 1006), as the old socket
 * did, so the code's own reconnect runs and opens a new one, which waits for the service.
 *
 * `openReconnectingLegacySocket(url, protocols, options)` stands in the same way for a socket of
 * reconnecting-websocket or partysocket (`new ReconnectingWebSocket(…)`): it takes a URL or a
 * function giving one, and reconnects itself (`close` when the service is lost, `open` again
 * when it is back, `reconnect()`), as those libraries do.
 */

import { websocketService, type UnifiedWebSocketService } from '{{service_module}}';
import { EventType } from '{{types_module}}';

/** One legacy endpoint: its URL pattern and what each of its EventTypes was on its wire. */
export interface LegacyRoute {
  /** `/ws/health`, `/ws/{topic}/{user_id}`: a `{param}` matches one segment. */
  pattern: string;
  /** Where the legacy type sits in a message (`type`, `kind`, `data.op`). */
  typeField: string;
  /** Where its data sits (`.`: its fields are the message's own, beside the type). */
  payloadField: string;
  /** Each EventType and the legacy type it was sent as (null: the data is the whole message). */
  types: ReadonlyArray<readonly [EventType, string | null]>;
  /** Where its messages carried the event's time (`date`): given the event's `ts`. */
  timeField?: string;
  /** The endpoint keeps its own socket (`keep_socket: true`): its code sends requests. */
  keepSocket?: boolean;
}

/** The legacy endpoints of the rules, most specific first. */
export const LEGACY_ROUTES: readonly LegacyRoute[] = [
{{routes}}
];

const PARAM = /^\{[^/]+\}$/;
const TOKEN_PARAMS = ['token', 'access_token', 'accessToken', 'jwt', 'auth'];

/**
 * The route for `url` (absolute or a path), or undefined. A route's pattern is the path the app
 * appends, so it may follow a base the app reads at run time (`${apiUrl}/spool/3`, apiUrl
 * `/api/v1`) and be followed by a per-user suffix (`/ws/health/42` of `/ws/health`): the route
 * whose literal segments match the most of the path wins, the earliest and most specific first.
 */
export function legacyRouteFor(url: string): LegacyRoute | undefined {
  const got = pathOf(url).split('/').filter((s) => s !== '');
  let best: LegacyRoute | undefined;
  let bestScore = -1;
  for (const route of LEGACY_ROUTES) {
    const want = route.pattern.split('/').filter((s) => s !== '');
    const literals = want.filter((w) => !PARAM.test(w)).length;
    if (literals <= bestScore) continue; // routes come most specific first: an equal one loses
    // a pattern of parameters only matches from the path's start; one with a literal anywhere
    const last = literals === 0 ? Math.min(0, got.length - want.length) : got.length - want.length;
    for (let at = 0; at <= last; at++) {
      if (want.every((w, i) => PARAM.test(w) || w === got[at + i])) {
        best = route;
        bestScore = literals;
        break;
      }
    }
  }
  return best;
}

/**
 * Does `url`'s endpoint keep its own socket (`keep_socket: true` in the rules)? Its code sends
 * requests the unified service has no counterpart for, so the adapters open the legacy socket
 * for it as before, and only the other endpoints go over the service.
 */
export function keepsOwnSocket(url: string | URL): boolean {
  return legacyRouteFor(String(url))?.keepSocket === true;
}

/** The token a legacy URL carries in its query (`?token=…`), if any. */
export function tokenOf(url: string): string | undefined {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
  const params = new URLSearchParams(query);
  for (const name of TOKEN_PARAMS) {
    const value = params.get(name);
    if (value) return value;
  }
  return undefined;
}

function pathOf(url: string): string {
  const noScheme = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, '');
  return noScheme.split(/[?#]/)[0] || '/';
}

/** The message `route` used to send for an event of `type` with `data`, at time `ts`. */
export function legacyMessage(route: LegacyRoute, legacyType: string | null, data: unknown, ts?: string): unknown {
  if (legacyType === null) return data;
  // payloadField '.': the endpoint's messages are flat, the data's fields beside the type
  const flat = route.payloadField === '.';
  const body: Record<string, unknown> = flat && isRecord(data) ? { ...data } : {};
  const keys = route.typeField.split('.');
  const last = keys.pop() ?? route.typeField;
  let holder = body;
  for (const key of keys) {
    const inner: Record<string, unknown> = {};
    holder[key] = inner;
    holder = inner;
  }
  holder[last] = legacyType;
  if (route.timeField !== undefined && ts !== undefined) body[route.timeField] = ts;
  if (flat) return body;
  const existing = body[route.payloadField];
  body[route.payloadField] =
    isRecord(existing) && isRecord(data) ? { ...data, ...existing } : data;
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Listener = ((this: WebSocket, event: Event) => unknown) | null;

/** The WebSocket API of one legacy endpoint, over the unified service (see the module's doc). */
export class LegacySocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readyState = 0;
  url = '';
  readonly protocol = '';
  readonly extensions = '';
  readonly bufferedAmount = 0;
  binaryType: BinaryType = 'blob';

  onopen: Listener = null;
  onmessage: ((this: WebSocket, event: MessageEvent) => unknown) | null = null;
  onerror: Listener = null;
  onclose: ((this: WebSocket, event: CloseEvent) => unknown) | null = null;

  protected readonly service: UnifiedWebSocketService;
  private route: LegacyRoute | undefined;
  private readonly offs: Array<() => void> = [];
  private subscribed = false;

  /** `url` null: nothing is attached yet (a subclass attaches when it knows the URL). */
  constructor(url: string | URL | null, service: UnifiedWebSocketService = websocketService) {
    super();
    this.service = service;
    if (url !== null) this.attach(String(url));
  }

  send(_data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.readyState !== this.OPEN) {
      throw new DOMException('the legacy socket is not open', 'InvalidStateError');
    }
    // a legacy request has no unified counterpart: `ws-migrate fix` leaves sockets that send alone
    this.emit('error', new Event('error'));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === this.CLOSING || this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSING;
    this.release();
    queueMicrotask(() => this.finish(code, reason, true));
  }

  /** Subscribe to the EventTypes of `url`'s endpoint, and open once the service is connected. */
  protected attach(url: string): void {
    this.url = url;
    this.readyState = this.CONNECTING;
    const route = legacyRouteFor(url);
    this.route = route;
    if (route === undefined) {
      // no rule maps this endpoint: it fails as a socket to an unknown path would
      queueMicrotask(() => this.fail(`no legacy route for ${url}`));
      return;
    }
    const service = this.service;
    for (const [eventType, legacyType] of route.types) {
      this.offs.push(
        service.on(eventType, (data, meta) => this.deliver(legacyMessage(route, legacyType, data, meta.ts))),
      );
    }
    this.offs.push(service.onStateChange(() => this.follow()));
    void service.subscribe(route.types.map(([eventType]) => eventType)).catch(() => undefined);
    this.subscribed = true;
    const token = tokenOf(url);
    if (token !== undefined && !service.isConnected()) {
      service.connect(token).catch(() => undefined);
    }
    queueMicrotask(() => this.follow());
  }

  /** The service lost its connection while this socket was open: it closes, as the old one did. */
  protected lost(): void {
    this.readyState = this.CLOSING;
    this.release();
    this.finish(1006, 'the unified connection was lost', false);
  }

  /** Open while the service is connected; `lost()` when it loses the connection. */
  private follow(): void {
    const connected = this.service.isConnected();
    if (this.readyState === this.CONNECTING && connected) {
      this.readyState = this.OPEN;
      this.emit('open', new Event('open'));
    } else if (this.readyState === this.OPEN && !connected) {
      this.lost();
    }
  }

  private deliver(message: unknown): void {
    if (this.readyState !== this.OPEN) return;
    // a text the endpoint sent whole (a log line) goes as it was; anything else as JSON
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.emit('message', new MessageEvent('message', { data }));
  }

  private fail(why: string): void {
    this.readyState = this.CLOSING;
    this.release();
    this.emit('error', new Event('error'));
    this.finish(1006, why, false);
  }

  protected release(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.subscribed && this.route !== undefined) {
      this.subscribed = false;
      void this.service.unsubscribe(this.route.types.map(([eventType]) => eventType)).catch(() => undefined);
    }
  }

  protected finish(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    this.emit('close', closeEvent(code, reason, wasClean));
  }

  protected emit(type: 'open' | 'error' | 'message' | 'close', event: Event): void {
    const self = this as unknown as WebSocket;
    if (type === 'message') this.onmessage?.call(self, event as MessageEvent);
    else if (type === 'close') this.onclose?.call(self, event as CloseEvent);
    else if (type === 'open') this.onopen?.call(self, event);
    else this.onerror?.call(self, event);
    this.dispatchEvent(event);
  }
}

function closeEvent(code: number, reason: string, wasClean: boolean): CloseEvent {
  return Object.assign(new Event('close'), { code, reason, wasClean }) as CloseEvent;
}

/** `new WebSocket(url)` of a legacy endpoint, as `ws-migrate fix` rewrites it: see the module's
 * doc. An endpoint that keeps its own socket gets the browser's, as before. */
export function openLegacySocket(url: string | URL, protocols?: string | string[]): WebSocket {
  if (keepsOwnSocket(url)) {
    const Browser = (globalThis as { WebSocket: typeof WebSocket }).WebSocket; // the page's own
    return new Browser(url, protocols);
  }
  return new LegacySocket(url) as unknown as WebSocket;
}

/** A URL, or a function that gives one (at once or later), as reconnecting-websocket takes it. */
export type UrlProvider = string | URL | (() => string | URL | Promise<string | URL>);

/** reconnecting-websocket's options: only `startClosed` means anything over the service. */
export interface ReconnectingOptions {
  readonly startClosed?: boolean;
  readonly [option: string]: unknown;
}

/** What `openReconnectingLegacySocket` gives: the WebSocket API, and reconnecting-websocket's. */
export type ReconnectingLegacyWebSocket = WebSocket & {
  reconnect(code?: number, reason?: string): void;
  readonly retryCount: number;
};

/**
 * A legacy socket that reconnects itself, as reconnecting-websocket and partysocket's do: when
 * the service loses its connection it emits `close` and stays subscribed, and emits `open`
 * again when the service is back. `reconnect()` closes it and opens it again; `close()` ends it.
 */
export class ReconnectingLegacySocket extends LegacySocket {
  retryCount = 0;
  private readonly provider: UrlProvider;
  private generation = 0;

  constructor(url: UrlProvider, options: ReconnectingOptions = {},
              service: UnifiedWebSocketService = websocketService) {
    super(null, service);
    this.provider = url;
    if (options.startClosed === true) this.readyState = this.CLOSED;
    else this.start();
  }

  reconnect(code = 1000, reason = ''): void {
    if (this.readyState === this.OPEN || this.readyState === this.CONNECTING) {
      this.readyState = this.CLOSING;
      this.release();
      this.finish(code, reason, true);
    }
    this.start();
  }

  close(code = 1000, reason = ''): void {
    this.generation += 1; // a URL still being resolved attaches nothing
    super.close(code, reason);
  }

  protected lost(): void {
    this.retryCount += 1;
    this.readyState = this.CONNECTING;
    this.emit('close', closeEvent(1006, 'the unified connection was lost', false));
  }

  /** Resolve the URL (a provider may give it later) and attach to its endpoint. */
  private start(): void {
    const generation = ++this.generation;
    this.readyState = this.CONNECTING;
    const provider = this.provider;
    const given = typeof provider === 'function' ? provider() : provider;
    if (typeof given === 'string' || given instanceof URL) {
      this.attach(String(given));
      return;
    }
    given.then(
      (url) => {
        if (generation === this.generation) this.attach(String(url));
      },
      () => {
        if (generation === this.generation) this.lost();
      },
    );
  }
}

/** `new ReconnectingWebSocket(url, protocols, options)` of a legacy endpoint, as `ws-migrate
 * fix` rewrites it (reconnecting-websocket, partysocket's WebSocket): see the module's doc. */
export function openReconnectingLegacySocket(
  url: UrlProvider,
  _protocols?: string | string[] | null,
  options?: ReconnectingOptions,
): ReconnectingLegacyWebSocket {
  return new ReconnectingLegacySocket(url, options) as unknown as ReconnectingLegacyWebSocket;
}

type AnyListener = (event: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
type SocketEvent = 'open' | 'message' | 'close' | 'error';
const SOCKET_EVENTS: readonly SocketEvent[] = ['open', 'message', 'close', 'error'];

/** Sarus's options (`@anephenix/sarus`) that mean something over the service; others pass. */
export interface LegacySarusOptions {
  url: string;
  eventListeners?: Partial<Record<SocketEvent, AnyListener[]>>;
  reconnectAutomatically?: boolean;
  readonly [option: string]: unknown;
}

/**
 * `new Sarus({ url, eventListeners })` of a legacy endpoint, as `ws-migrate fix` rewrites it
 * (`openLegacySarus({...})`): Sarus's API (`on`, `off`, `send`, `connect`, `disconnect`, `ws`)
 * over a legacy socket that reconnects itself, as Sarus does unless `reconnectAutomatically`
 * is false.
 */
export class LegacySarus {
  ws: WebSocket | undefined;
  private readonly url: string;
  private readonly reconnects: boolean;
  private readonly listeners: Record<SocketEvent, AnyListener[]>;

  constructor(options: LegacySarusOptions,
              private readonly service: UnifiedWebSocketService = websocketService) {
    this.url = options.url;
    this.reconnects = options.reconnectAutomatically !== false;
    const given = options.eventListeners ?? {};
    this.listeners = {
      open: [...(given.open ?? [])],
      message: [...(given.message ?? [])],
      close: [...(given.close ?? [])],
      error: [...(given.error ?? [])],
    };
    this.connect();
  }

  connect(): void {
    if (this.ws !== undefined) return;
    const ws = (this.reconnects ? new ReconnectingLegacySocket(this.url, {}, this.service)
      : new LegacySocket(this.url, this.service)) as unknown as WebSocket;
    for (const name of SOCKET_EVENTS) {
      ws.addEventListener(name, (event) => {
        for (const listener of [...this.listeners[name]]) listener(event);
      });
    }
    this.ws = ws;
  }

  disconnect(_overrideDisableReconnect?: boolean): void {
    this.ws?.close();
    this.ws = undefined;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    this.ws?.send(data);
  }

  on(name: SocketEvent, listener: AnyListener): void {
    this.listeners[name].push(listener);
  }

  off(name: SocketEvent, listener: AnyListener): void {
    this.listeners[name] = this.listeners[name].filter((l) => l !== listener);
  }
}

export function openLegacySarus(options: LegacySarusOptions): LegacySarus {
  return new LegacySarus(options);
}

/** Sockette's options that mean something over the service; others pass. */
export interface LegacySocketteOptions {
  onopen?: AnyListener;
  onmessage?: AnyListener;
  onreconnect?: AnyListener;
  onclose?: AnyListener;
  onerror?: AnyListener;
  readonly [option: string]: unknown;
}

/**
 * `new Sockette(url, { onmessage, … })` of a legacy endpoint, as `ws-migrate fix` rewrites it
 * (`openLegacySockette(url, {...})`): Sockette's API (`send`, `json`, `close`, `open`,
 * `reconnect`) over a legacy socket that reconnects itself, calling `onreconnect` when it is
 * lost, as Sockette does.
 */
export class LegacySockette {
  private ws: ReconnectingLegacyWebSocket | undefined;
  private readonly url: string;
  private readonly options: LegacySocketteOptions;

  constructor(url: string, options: LegacySocketteOptions = {},
              private readonly service: UnifiedWebSocketService = websocketService) {
    this.url = url;
    this.options = options;
    this.open();
  }

  open(): void {
    if (this.ws !== undefined) return;
    const ws = new ReconnectingLegacySocket(this.url, {}, this.service) as unknown as ReconnectingLegacyWebSocket;
    ws.addEventListener('open', (event) => this.options.onopen?.(event));
    ws.addEventListener('message', (event) => this.options.onmessage?.(event));
    ws.addEventListener('error', (event) => this.options.onerror?.(event));
    ws.addEventListener('close', (event) => {
      if (this.ws === ws && ws.readyState === ws.CONNECTING) this.options.onreconnect?.(event);
      else this.options.onclose?.(event);
    });
    this.ws = ws;
  }

  reconnect(_event?: unknown): void {
    this.ws?.reconnect();
  }

  close(code?: number, reason?: string): void {
    const ws = this.ws;
    this.ws = undefined;
    ws?.close(code, reason);
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    this.ws?.send(data);
  }

  json(data: unknown): void {
    this.send(JSON.stringify(data));
  }
}

export function openLegacySockette(url: string, options?: LegacySocketteOptions): LegacySockette {
  return new LegacySockette(url, options);
}

/** What a message listener of a bridge gets: the parsed message as `data`, as the bridge hands it. */
export type BridgeListener = (event: MessageEvent) => void;

/** The part of django-channels' `WebSocketBridge` the adapter drives for a kept endpoint. */
export interface WebSocketBridgeLike {
  socket: unknown;
  connect(url?: string, protocols?: string | string[], options?: ReconnectingOptions): void;
  send(message: unknown): void;
  addEventListener(type: string, listener: AnyListener): void;
  demultiplex(stream: string, listener: AnyListener): void;
  stream(name: string): { send(action: unknown): void };
}

/** django-channels' `WebSocketBridge` class, handed to the adapter for the endpoints that keep it. */
export type WebSocketBridgeClass = new (options?: Record<string, unknown>) => WebSocketBridgeLike;

type BridgeEvent = 'open' | 'message' | 'close' | 'error';

/**
 * `new WebSocketBridge()` of django-channels, as `ws-migrate fix` rewrites it
 * (`openLegacyBridge()`): the bridge's API over a legacy socket that reconnects itself, as the
 * bridge's reconnecting-websocket does. `connect(url, protocols, options)` opens it (a relative
 * URL on the page's host, as the bridge does); `addEventListener('message', fn)` (and
 * `onmessage`) gets each message parsed, as `event.data`, that has no `stream`;
 * `demultiplex(name, fn)` and `stream(name)` those whose `stream` is `name`, the `payload` as
 * `event.data`; `open`, `close` and `error` are the socket's, on the bridge and on `.socket`.
 * `send` has no counterpart over the service (the socket emits `error`), so an endpoint whose
 * code sends keeps its own socket (`keep_socket: true`): given the library's class, the adapter
 * opens a real bridge for it.
 */
export class LegacyBridge extends EventTarget {
  socket: ReconnectingLegacyWebSocket | null = null;
  onopen: AnyListener | null = null;
  onmessage: AnyListener | null = null;
  onclose: AnyListener | null = null;
  onerror: AnyListener | null = null;
  private own: WebSocketBridgeLike | null = null;
  private readonly streams = new Map<string, EventTarget>();

  constructor(private readonly options: Record<string, unknown> = {},
              private readonly Own?: WebSocketBridgeClass,
              private readonly service: UnifiedWebSocketService = websocketService) {
    super();
  }

  connect(url?: string, protocols?: string | string[], options?: ReconnectingOptions): void {
    const full = bridgeUrl(url);
    if (this.Own !== undefined && keepsOwnSocket(full)) {
      // the endpoint's code sends: the library's own bridge, its events handed on as they come
      const own = new this.Own(this.options);
      own.connect(url, protocols, options);
      for (const name of ['open', 'close', 'error'] as const) {
        own.addEventListener(name, (event: Event) => this.emit(name, copyEvent(event)));
      }
      own.addEventListener('message', (event: MessageEvent) =>
        this.emit('message', new MessageEvent('message', { data: event.data as unknown })));
      this.own = own;
      this.socket = own.socket as ReconnectingLegacyWebSocket;
      return;
    }
    const socket = new ReconnectingLegacySocket(full, options ?? {}, this.service) as unknown as ReconnectingLegacyWebSocket;
    for (const name of ['open', 'close', 'error'] as const) {
      socket.addEventListener(name, (event) => this.emit(name, copyEvent(event)));
    }
    socket.addEventListener('message', (event) => this.receive(event));
    this.socket = socket;
  }

  send(message: unknown): void {
    if (this.own !== null) this.own.send(message);
    else this.socket?.send(JSON.stringify(message));
  }

  /** channels 1's bridge: `fn(action, stream)` for each message. */
  listen(listener: (action: unknown, stream: string | null) => void): void {
    this.addEventListener('message', (event) => listener((event as MessageEvent).data, null));
  }

  demultiplex(stream: string, listener: AnyListener): void {
    if (this.own !== null) this.own.demultiplex(stream, listener);
    else this.streamTarget(stream).addEventListener('message', listener);
  }

  stream(name: string): { send(action: unknown): void; addEventListener(type: string, fn: AnyListener): void } {
    const own = this.own;
    const target = this.streamTarget(name);
    return {
      send: (action) => {
        if (own !== null) own.stream(name).send(action);
        else this.socket?.send(JSON.stringify({ stream: name, payload: action }));
      },
      addEventListener: (type, fn) => {
        if (own !== null) own.demultiplex(name, fn);
        else target.addEventListener(type, fn);
      },
    };
  }

  /** The bridge's parsing: a message with a `stream` goes to that stream, the rest to the bridge. */
  private receive(event: MessageEvent): void {
    let message: unknown;
    try {
      message = JSON.parse(String(event.data));
    } catch {
      return; // the bridge throws on a text that is not JSON, and nothing gets it
    }
    const stream = isRecord(message) ? message.stream : undefined;
    if (stream === undefined) {
      this.emit('message', new MessageEvent('message', { data: message }));
    } else if (isRecord(message)) {
      const target = this.streams.get(String(stream));
      target?.dispatchEvent(new MessageEvent('message', { data: message.payload, origin: String(stream) }));
    }
  }

  private streamTarget(name: string): EventTarget {
    let target = this.streams.get(name);
    if (target === undefined) {
      target = new EventTarget();
      this.streams.set(name, target);
    }
    return target;
  }

  private emit(type: BridgeEvent, event: Event): void {
    const attribute = { open: this.onopen, message: this.onmessage, close: this.onclose, error: this.onerror }[type];
    attribute?.call(this, event);
    this.dispatchEvent(event);
  }
}

/** The URL the bridge connects to: none is the page's host, a path is on it (`ws`/`wss`). */
function bridgeUrl(url: string | undefined): string {
  const page = (globalThis as { location?: { protocol: string; host: string } }).location;
  const base = page !== undefined ? `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}` : '';
  if (url === undefined) return base || '/';
  return url.startsWith('/') ? `${base}${url}` : url;
}

/** An event of the socket as a new one of the bridge (an event is dispatched once). */
function copyEvent(event: Event): Event {
  const { code, reason, wasClean } = event as Partial<CloseEvent>;
  return event.type === 'close' ? closeEvent(code ?? 1006, reason ?? '', wasClean ?? false) : new Event(event.type);
}

export function openLegacyBridge(options?: Record<string, unknown>, Own?: WebSocketBridgeClass): LegacyBridge {
  return new LegacyBridge(options, Own);
}
