/**
 * The unified WebSocket service: one authenticated connection per user, with event types
 * subscribed and unsubscribed as components need them.
 *
 *   await websocketService.connect(token);                 // once, e.g. after login
 *   const off = websocketService.on(EventType.X, handle);  // local handler
 *   await websocketService.subscribe([EventType.X]);       // ask the server for X
 *   ...
 *   off();
 *   await websocketService.unsubscribe([EventType.X]);
 *
 * Subscriptions are reference-counted: the server hears `unsubscribe` only when the last
 * subscriber of a type leaves. After an unexpected close the service reconnects with backoff,
 * authenticates again and re-subscribes with the last sequence number seen per type, so the
 * server can replay what was missed.
 */

import {
  CloseCode,
  type ClientMessage,
  type ConnectionState,
  type EventDataMap,
  type EventType,
  type ReconnectStrategy,
  type ServerMessage,
  type SinceMap,
} from '{{types_module}}';

/** The part of a WebSocket the service uses: the browser's `WebSocket` fits, and so does a fake. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Runs `callback` after `delayMs`; returns a function that cancels it. */
export type Scheduler = (callback: () => void, delayMs: number) => () => void;

export interface UnifiedWebSocketServiceOptions {
  /** Absolute (`wss://host/ws`) or a path on this origin. Default: `/ws` on this origin. */
  url?: string;
  /** Default: the global `WebSocket`, looked up when connecting. */
  WebSocketImpl?: WebSocketConstructor;
  reconnect?: Partial<ReconnectStrategy>;
  /** Default: `setTimeout`. Tests pass their own to control time. */
  schedule?: Scheduler;
  /** Jitter source in [0, 1). Default: `Math.random`. */
  random?: () => number;
}

export interface EventMeta<E extends EventType = EventType> {
  eventType: E;
  seq: number;
  ts: string;
}

export type EventHandler<E extends EventType = EventType> = (
  data: EventDataMap[E],
  meta: EventMeta<E>,
) => void;

export interface SubscribeOptions {
  /** Ask the server to replay events after these sequence numbers. */
  since?: SinceMap;
}

export interface SubscribeResult {
  granted: EventType[];
  denied: EventType[];
}

/** A problem on the connection, from the server, or thrown by an event handler. */
export interface WebSocketServiceError {
  source: 'socket' | 'server' | 'handler' | 'client';
  code: string;
  message: string;
  cause?: unknown;
}

export interface AuthError {
  /** The close code (4401 bad token, 4403 expired), or the `code` of an `auth_error` message. */
  code: number | string;
  message: string;
}

/** An Error whose `detail` says what went wrong, for rejected promises. */
export class WebSocketServiceFailure extends Error {
  constructor(
    message: string,
    readonly detail: WebSocketServiceError | AuthError,
  ) {
    super(message);
    this.name = 'WebSocketServiceFailure';
  }
}

const DEFAULT_STRATEGY: ReconnectStrategy = {
  maxAttempts: 10,
  initialDelay: 1000,
  maxDelay: 30000,
  backoffFactor: 2,
};

type StoredHandler = (data: unknown, meta: EventMeta) => void;
type GrantState = 'pending' | 'granted' | 'denied';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

interface SubscribeWaiter {
  eventTypes: EventType[];
  resolve: (result: SubscribeResult) => void;
  reject: (reason: unknown) => void;
}

/** A subscribe or unsubscribe the server has not answered yet. */
interface OpenRequest {
  kind: 'subscribe' | 'unsubscribe';
  eventTypes: EventType[];
  done?: () => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const defaultSchedule: Scheduler = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The server message in `raw`, or null when it is not JSON with a string `type`. */
function parseServerMessage(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.type !== 'string') return null;
  // The server is trusted for shape beyond `type`; each case below reads fields defensively.
  return value as unknown as ServerMessage;
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function unique<T>(items: readonly T[]): T[] {
  return Array.from(new Set(items));
}

export class UnifiedWebSocketService {
  private readonly options: UnifiedWebSocketServiceOptions;
  private readonly schedule: Scheduler;
  private readonly random: () => number;
  private strategy: ReconnectStrategy;

  private socket: WebSocketLike | null = null;
  private state: ConnectionState = 'idle';
  private token: string | null = null;
  /** What `connect()` returns until the next `auth_ok` or final failure. */
  private ready: Deferred<void> | null = null;
  private readySettled = false;
  /** True once a session was authenticated: the next `auth_ok` is a reconnect. */
  private hadSession = false;
  private attempts = 0;
  private cancelRetry: (() => void) | null = null;
  private debugEnabled = false;

  private nextId = 1;
  /** Messages held until `auth_ok`, in the order they were issued. */
  private outbox: ClientMessage[] = [];
  private readonly requests = new Map<number, OpenRequest>();
  private readonly refCounts = new Map<EventType, number>();
  private readonly grants = new Map<EventType, GrantState>();
  private waiters: SubscribeWaiter[] = [];
  private readonly lastSeq = new Map<EventType, number>();
  private readonly handlers = new Map<EventType, Set<StoredHandler>>();

  private readonly errorListeners = new Set<(error: WebSocketServiceError) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly reconnectFailedListeners = new Set<(attempts: number) => void>();
  private readonly resyncListeners = new Set<(eventTypes: EventType[]) => void>();
  private readonly authErrorListeners = new Set<(error: AuthError) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly messageListeners = new Set<(message: ServerMessage) => void>();
  private readonly debugListeners = new Set<(message: string, detail?: unknown) => void>();

  constructor(options: UnifiedWebSocketServiceOptions = {}) {
    this.options = options;
    this.schedule = options.schedule ?? defaultSchedule;
    this.random = options.random ?? Math.random;
    this.strategy = { ...DEFAULT_STRATEGY, ...options.reconnect };
  }

  // --- connection ------------------------------------------------------------------------------

  /**
   * Opens the one connection and authenticates with `token` (the first message, never the URL).
   * Resolves on `auth_ok`; rejects when the token is refused or reconnecting gives up. While
   * connecting or connected it opens nothing and returns the same promise.
   */
  connect(token: string): Promise<void> {
    if (this.socket !== null || this.cancelRetry !== null) {
      return this.readyPromise();
    }
    this.token = token;
    this.ready = null;
    const promise = this.readyPromise();
    this.attempts = 0;
    this.open();
    return promise;
  }

  /** Replaces the connection with one authenticated by `token`, keeping every subscription. */
  reconnectWithToken(token: string): Promise<void> {
    this.token = token;
    this.stopRetry();
    this.dropSocket('reconnecting with a new token');
    this.resetSession();
    if (this.readySettled) this.ready = null;
    const promise = this.readyPromise();
    this.attempts = 0;
    this.open();
    return promise;
  }

  /** Uses `token` from now on: sent as `refresh` when connected, else at the next connect. */
  updateToken(token: string): void {
    this.token = token;
    if (this.state === 'connected') {
      this.sendNow({ type: 'refresh', token });
    } else if (this.state === 'authenticating') {
      // `auth` already went with the old token: refresh right after it is accepted
      this.outbox.push({ type: 'refresh', token });
    }
  }

  /** Closes the connection (code 1000): no reconnect. Subscriptions and handlers are kept. */
  disconnect(): void {
    this.stopRetry();
    this.dropSocket('client disconnect');
    this.resetSession();
    this.attempts = 0;
    this.hadSession = false;
    const failure = new WebSocketServiceFailure('disconnected', {
      source: 'client',
      code: 'disconnected',
      message: 'disconnect() was called',
    });
    this.failReady(failure);
    this.failWaiters(failure);
    this.setState('disconnected');
  }

  isConnected(): boolean {
    return this.state === 'connected';
  }

  getState(): ConnectionState {
    return this.state;
  }

  /** 0 or 1: the service never holds more than one socket. */
  getConnectionCount(): number {
    return this.socket === null ? 0 : 1;
  }

  setReconnectStrategy(strategy: Partial<ReconnectStrategy>): void {
    const next = { ...this.strategy, ...strategy };
    if (!(next.maxAttempts >= 0 && next.initialDelay >= 0 && next.maxDelay >= 0)) {
      throw new RangeError('maxAttempts, initialDelay and maxDelay must be >= 0');
    }
    if (!(next.backoffFactor >= 1)) throw new RangeError('backoffFactor must be >= 1');
    this.strategy = next;
  }

  // --- subscriptions -----------------------------------------------------------------------------

  /**
   * Asks the server for `eventTypes` (one more subscriber of each). Resolves once the server has
   * answered for all of them, with those granted and those the user's roles may not receive.
   * Before `auth_ok` the request waits in order with the others.
   */
  subscribe(
    eventTypes: readonly EventType[],
    options: SubscribeOptions = {},
  ): Promise<SubscribeResult> {
    const types = unique(eventTypes);
    const fresh: EventType[] = [];
    for (const type of types) {
      const count = this.refCounts.get(type) ?? 0;
      if (count === 0) fresh.push(type);
      this.refCounts.set(type, count + 1);
    }
    if (fresh.length > 0) {
      for (const type of fresh) this.grants.set(type, 'pending');
      const id = this.nextId++;
      this.requests.set(id, { kind: 'subscribe', eventTypes: fresh });
      const since = options.since ? this.pick(options.since, fresh) : undefined;
      this.send({ type: 'subscribe', id, eventTypes: fresh, ...(since ? { since } : {}) });
    }
    return new Promise<SubscribeResult>((resolve, reject) => {
      this.waiters.push({ eventTypes: types, resolve, reject });
      this.settleWaiters();
    });
  }

  /**
   * One subscriber fewer of each of `eventTypes`; the server is told only about the types nobody
   * subscribes to any more. Resolves when the server confirms (at once if nothing was sent).
   */
  unsubscribe(eventTypes: readonly EventType[]): Promise<void> {
    const gone: EventType[] = [];
    for (const type of unique(eventTypes)) {
      const count = this.refCounts.get(type) ?? 0;
      if (count === 0) continue;
      if (count > 1) {
        this.refCounts.set(type, count - 1);
        continue;
      }
      this.refCounts.delete(type);
      // a denied type was never subscribed on the server
      if (this.grants.get(type) !== 'denied') gone.push(type);
      this.grants.delete(type);
    }
    this.settleWaiters();
    if (gone.length === 0) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      this.requests.set(id, { kind: 'unsubscribe', eventTypes: gone, done: resolve });
      this.send({ type: 'unsubscribe', id, eventTypes: gone });
    });
  }

  /** Event types with at least one subscriber. */
  getSubscriptions(): EventType[] {
    return Array.from(this.refCounts.keys());
  }

  /** Event types with at least one local handler (`on`). */
  getRegisteredEventTypes(): EventType[] {
    return Array.from(this.handlers.keys());
  }

  // --- handlers ----------------------------------------------------------------------------------

  /** Calls `handler` with the data of each `eventType` event; returns a function removing it. */
  on<E extends EventType>(eventType: E, handler: EventHandler<E>): () => void {
    let set = this.handlers.get(eventType);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(eventType, set);
    }
    // stored untyped: dispatch looks handlers up by the event's runtime type
    set.add(handler as unknown as StoredHandler);
    return () => this.off(eventType, handler);
  }

  /** Removes `handler` for `eventType`, or every handler of `eventType` when none is given. */
  off<E extends EventType>(eventType: E, handler?: EventHandler<E>): void {
    const set = this.handlers.get(eventType);
    if (set === undefined) return;
    if (handler === undefined) set.clear();
    else set.delete(handler as unknown as StoredHandler);
    if (set.size === 0) this.handlers.delete(eventType);
  }

  onError(listener: (error: WebSocketServiceError) => void): () => void {
    return this.listen(this.errorListeners, listener);
  }

  /** After a connection is restored (the subscriptions are requested again by then). */
  onReconnect(listener: () => void): () => void {
    return this.listen(this.reconnectListeners, listener);
  }

  /**
   * When the server could not give every event missed of these types (its history did not
   * reach back far enough, or it lost events itself: `recovered: false`): reload the app's state
   * of them, e.g. refetch. Every event after this one is delivered.
   */
  onResync(listener: (eventTypes: EventType[]) => void): () => void {
    return this.listen(this.resyncListeners, listener);
  }

  /** When reconnecting gave up after `attempts` tries. */
  onReconnectFailed(listener: (attempts: number) => void): () => void {
    return this.listen(this.reconnectFailedListeners, listener);
  }

  /** When the token is refused or expired; the listener may call `reconnectWithToken`. */
  onAuthError(listener: (error: AuthError) => void): () => void {
    return this.listen(this.authErrorListeners, listener);
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    return this.listen(this.stateListeners, listener);
  }

  /** Every message from the server, before the service acts on it. */
  onMessage(listener: (message: ServerMessage) => void): () => void {
    return this.listen(this.messageListeners, listener);
  }

  /** Debug records (see `enableDebugMode`); without listeners they go to the console. */
  onDebug(listener: (message: string, detail?: unknown) => void): () => void {
    return this.listen(this.debugListeners, listener);
  }

  enableDebugMode(enabled = true): void {
    this.debugEnabled = enabled;
  }

  // --- internals: the socket ---------------------------------------------------------------------

  private readyPromise(): Promise<void> {
    if (this.ready === null) {
      this.ready = deferred<void>();
      this.readySettled = false;
    }
    return this.ready.promise;
  }

  private open(): void {
    const Impl =
      this.options.WebSocketImpl ??
      // DOM's handler properties declare richer event types than the service reads
      ((globalThis as { WebSocket?: unknown }).WebSocket as WebSocketConstructor | undefined);
    let socket: WebSocketLike;
    try {
      if (Impl === undefined) throw new Error('no WebSocket: pass options.WebSocketImpl');
      socket = new Impl(this.url());
    } catch (cause) {
      const detail: WebSocketServiceError = {
        source: 'client',
        code: 'open_failed',
        message: describe(cause),
        cause,
      };
      this.reportError(detail);
      this.failReady(new WebSocketServiceFailure(detail.message, detail));
      this.setState('failed');
      return;
    }
    this.socket = socket;
    this.setState('connecting');
    // Every callback checks that its socket is still the current one: a replaced socket's late
    // events must not touch the new session.
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.setState('authenticating');
      this.sendNow({ type: 'auth', token: this.token ?? '' });
    };
    socket.onmessage = (event) => {
      if (socket === this.socket) this.receive(event.data);
    };
    socket.onerror = (event) => {
      if (socket !== this.socket) return;
      this.reportError({
        source: 'socket',
        code: 'socket_error',
        message: 'WebSocket error',
        cause: event,
      });
    };
    socket.onclose = (event) => {
      if (socket === this.socket) this.closed(event.code, event.reason);
    };
  }

  /** The URL to open: the token is never part of it. */
  private url(): string {
    const url = this.options.url ?? '/ws';
    if (/^wss?:\/\//i.test(url)) return url;
    const place = (globalThis as { location?: { protocol: string; host: string } }).location;
    if (place === undefined) {
      throw new Error(`cannot resolve "${url}" without a location: pass an absolute url`);
    }
    const scheme = place.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${place.host}${url.startsWith('/') ? '' : '/'}${url}`;
  }

  /** Forgets the current socket and closes it; its close event is ignored. */
  private dropSocket(reason: string): void {
    const socket = this.socket;
    this.socket = null;
    if (socket === null) return;
    try {
      socket.close(CloseCode.NORMAL, reason);
    } catch {
      // already closing or closed: nothing to do
    }
  }

  private closed(code: number, reason: string): void {
    const wasConnected = this.state === 'connected';
    this.socket = null;
    this.debug('closed', { code, reason });
    if (wasConnected) this.ready = null;
    this.resetSession();
    if (code === CloseCode.BAD_TOKEN || code === CloseCode.TOKEN_EXPIRED) {
      // retrying with the same token would fail again: the listeners decide
      this.authFailed({
        code,
        message: reason || (code === CloseCode.BAD_TOKEN ? 'invalid token' : 'token expired'),
      });
      return;
    }
    if (code === CloseCode.NORMAL) {
      const detail: WebSocketServiceError = {
        source: 'server',
        code: 'closed',
        message: reason || 'the server closed the connection',
      };
      this.failReady(new WebSocketServiceFailure(detail.message, detail));
      this.setState('disconnected');
      return;
    }
    this.retry();
  }

  private retry(): void {
    const { maxAttempts, initialDelay, maxDelay, backoffFactor } = this.strategy;
    if (this.attempts >= maxAttempts) {
      const attempts = this.attempts;
      this.attempts = 0;
      this.setState('failed');
      const failure = new WebSocketServiceFailure(
        `reconnecting failed after ${attempts} attempts`,
        {
          source: 'client',
          code: 'reconnect_failed',
          message: `reconnecting failed after ${attempts} attempts`,
        },
      );
      this.failReady(failure);
      this.failWaiters(failure);
      this.emit(this.reconnectFailedListeners, attempts);
      return;
    }
    this.attempts += 1;
    const ceiling = Math.min(maxDelay, initialDelay * backoffFactor ** (this.attempts - 1));
    // "equal jitter": between half and all of the delay, so clients do not return in lockstep
    const delay = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    this.debug('reconnect scheduled', { attempt: this.attempts, delay });
    this.setState('reconnecting');
    this.cancelRetry = this.schedule(() => {
      this.cancelRetry = null;
      this.open();
    }, delay);
  }

  private stopRetry(): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
  }

  /**
   * After a connection ends the server has forgotten its subscriptions: the next session starts
   * with one `subscribe` for every type that still has subscribers, with the last `seq` seen.
   */
  private resetSession(): void {
    this.outbox = [];
    this.requests.forEach((request) => request.done?.());
    this.requests.clear();
    const active = Array.from(this.refCounts.keys());
    if (active.length === 0) return;
    for (const type of active) this.grants.set(type, 'pending');
    const since = this.pick(Object.fromEntries(this.lastSeq) as SinceMap, active);
    const id = this.nextId++;
    this.requests.set(id, { kind: 'subscribe', eventTypes: active });
    this.outbox.push({ type: 'subscribe', id, eventTypes: active, ...(since ? { since } : {}) });
  }

  // --- internals: messages -----------------------------------------------------------------------

  /** Sends now when authenticated, else holds the message until `auth_ok`. */
  private send(message: ClientMessage): void {
    if (this.state === 'connected') this.sendNow(message);
    else this.outbox.push(message);
  }

  private sendNow(message: ClientMessage): void {
    const socket = this.socket;
    if (socket === null) return;
    this.debug('send', 'token' in message ? { ...message, token: '***' } : message);
    try {
      socket.send(JSON.stringify(message));
    } catch (cause) {
      this.reportError({ source: 'socket', code: 'send_failed', message: 'could not send', cause });
    }
  }

  private receive(raw: unknown): void {
    const message = parseServerMessage(raw);
    if (message === null) {
      this.reportError({
        source: 'server',
        code: 'bad_message',
        message: 'not a JSON message with a type',
        cause: raw,
      });
      return;
    }
    this.debug('receive', message);
    this.emit(this.messageListeners, message);
    switch (message.type) {
      case 'auth_ok':
        if (this.state === 'authenticating') this.authenticated();
        break; // when connected: the answer to a `refresh`
      case 'auth_error': {
        const error: AuthError = {
          code: message.code ?? 'auth_error',
          message: message.reason ?? 'authentication failed',
        };
        if (this.state === 'connected') {
          // a refused refresh: the session goes on until the server closes it
          this.emit(this.authErrorListeners, error);
        } else {
          this.dropSocket('authentication failed');
          this.resetSession();
          this.authFailed(error);
        }
        break;
      }
      case 'subscribed':
        this.subscribed(message.id, message.eventTypes ?? [], message.denied ?? []);
        if (message.recovered === false) this.lost(message.eventTypes ?? []);
        break;
      case 'unsubscribed': {
        const request = this.requests.get(message.id);
        this.requests.delete(message.id);
        request?.done?.();
        break;
      }
      case 'event':
        this.dispatch(message.eventType, message.data, message.seq, message.ts);
        break;
      case 'ping':
        this.sendNow({ type: 'pong' });
        break;
      case 'pong':
        break; // the answer to a `ping` this client sent
      case 'error':
        this.serverError(message.code, message.message, message.id);
        break;
      default:
        this.debug('unknown message type', message);
    }
  }

  private authenticated(): void {
    const reconnected = this.hadSession;
    this.hadSession = true;
    this.attempts = 0;
    this.setState('connected');
    const held = this.outbox;
    this.outbox = [];
    for (const message of held) this.sendNow(message);
    this.readySettled = true;
    this.ready?.resolve();
    if (reconnected) this.emit(this.reconnectListeners);
  }

  private authFailed(error: AuthError): void {
    this.setState('auth_failed');
    this.failReady(new WebSocketServiceFailure(error.message, error));
    // listeners may call reconnectWithToken, which starts a new session right here
    this.emit(this.authErrorListeners, error);
  }

  /** The server could not replay what was missed of `types`: their sequence starts afresh,
   * and the app reloads its state of them (`onResync`). */
  private lost(types: readonly EventType[]): void {
    for (const type of types) this.lastSeq.delete(type);
    const mine = types.filter((type) => this.refCounts.has(type));
    if (mine.length === 0) return;
    this.debug('events lost on the server: reload', mine);
    for (const listener of Array.from(this.resyncListeners)) listener(mine);
  }

  private subscribed(
    id: number | undefined,
    granted: readonly EventType[],
    denied: readonly EventType[],
  ): void {
    const request = id === undefined ? undefined : this.requests.get(id);
    if (id !== undefined) this.requests.delete(id);
    const answer = new Map<EventType, GrantState>();
    for (const type of granted) answer.set(type, 'granted');
    for (const type of denied) answer.set(type, 'denied');
    // a type the server left out of both lists was not granted
    for (const type of request?.eventTypes ?? []) if (!answer.has(type)) answer.set(type, 'denied');
    answer.forEach((grant, type) => {
      // types unsubscribed while the request was under way stay forgotten
      if (this.refCounts.has(type)) this.grants.set(type, grant);
    });
    this.settleWaiters();
  }

  private serverError(code: string, message: string, id: number | undefined): void {
    const detail: WebSocketServiceError = { source: 'server', code, message };
    this.reportError(detail);
    const request = id === undefined ? undefined : this.requests.get(id);
    if (id === undefined || request === undefined) return;
    this.requests.delete(id);
    if (request.kind === 'unsubscribe') {
      request.done?.();
      return;
    }
    // the subscribe failed: its waiters learn why; the types stay counted but not granted
    const failed = new Set(request.eventTypes);
    for (const type of request.eventTypes)
      if (this.refCounts.has(type)) this.grants.set(type, 'denied');
    const failure = new WebSocketServiceFailure(message, detail);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.eventTypes.some((type) => failed.has(type))) return true;
      waiter.reject(failure);
      return false;
    });
    this.settleWaiters();
  }

  private dispatch(eventType: EventType, data: unknown, seq: number, ts: string): void {
    if (typeof seq === 'number') this.lastSeq.set(eventType, seq);
    const set = this.handlers.get(eventType);
    if (set === undefined) return;
    const meta: EventMeta = { eventType, seq, ts };
    for (const handler of Array.from(set)) {
      try {
        handler(data, meta);
      } catch (cause) {
        // one failing handler must not starve the others
        this.reportError({
          source: 'handler',
          code: 'handler_failed',
          message: `a handler of ${eventType} threw: ${describe(cause)}`,
          cause,
        });
      }
    }
  }

  // --- internals: promises and listeners ---------------------------------------------------------

  private settleWaiters(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.eventTypes.some((type) => this.grants.get(type) === 'pending')) return true;
      waiter.resolve({
        granted: waiter.eventTypes.filter((type) => this.grants.get(type) === 'granted'),
        denied: waiter.eventTypes.filter((type) => this.grants.get(type) === 'denied'),
      });
      return false;
    });
  }

  private failWaiters(reason: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(reason);
  }

  private failReady(reason: unknown): void {
    if (this.ready !== null && !this.readySettled) this.ready.reject(reason);
    this.ready = null;
  }

  private pick(since: SinceMap, types: readonly EventType[]): SinceMap | undefined {
    const out: SinceMap = {};
    let any = false;
    for (const type of types) {
      const seq = since[type];
      if (seq !== undefined) {
        out[type] = seq;
        any = true;
      }
    }
    return any ? out : undefined;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.debug('state', state);
    this.emit(this.stateListeners, state);
  }

  private listen<A extends unknown[]>(
    set: Set<(...args: A) => void>,
    listener: (...args: A) => void,
  ): () => void {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  private emit<A extends unknown[]>(set: Set<(...args: A) => void>, ...args: A): void {
    for (const listener of Array.from(set)) {
      try {
        listener(...args);
      } catch (cause) {
        if (set === (this.errorListeners as Set<unknown>)) console.error(cause);
        else
          this.reportError({
            source: 'handler',
            code: 'listener_failed',
            message: String(cause),
            cause,
          });
      }
    }
  }

  private reportError(error: WebSocketServiceError): void {
    this.debug('error', error);
    this.emit(this.errorListeners, error);
  }

  private debug(message: string, detail?: unknown): void {
    if (!this.debugEnabled) return;
    if (this.debugListeners.size === 0) console.debug(`[websocket] ${message}`, detail);
    else this.emit(this.debugListeners, message, detail);
  }
}

/** The one service of the app: import this, never open another WebSocket. */
export const websocketService = new UnifiedWebSocketService();
