/**
 * Tests of the client `ws-migrate init` generates, run by tests/test_init.py under `node --test`.
 *
 * `./generated` is written by that test next to this file: it re-exports the generated service,
 * hook and types of whichever rules it scaffolded. The server is a fake in this process:
 * `FakeServer` hands the service a WebSocket class whose sockets it drives, and time is a manual
 * clock. The hook runs on `./fake-react`, which the test build installs as `react`.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  EventType,
  LEGACY_ROUTES,
  LegacySarus,
  LegacySocket,
  LegacySockette,
  ReconnectingLegacySocket,
  keepsOwnSocket,
  legacyMessage,
  legacyRouteFor,
  openLegacySocket,
  type LegacyRoute,
  UnifiedWebSocketService,
  type ClientMessage,
  type ServerMessage,
  type WebSocketLike,
  useWebSocketEvents,
  EventMonitor,
  enableDebugMode,
  useEventMonitor,
} from './generated';
import { renderHook, type FakeElement } from './fake-react';

// Any three event types of the rules: the tests do not depend on which rules made the client.
const [A, B, C] = Object.values(EventType) as EventType[];

/** Scheduled callbacks that run only when a test advances the clock. */
class ManualClock {
  private now = 0;
  private tasks: Array<{ at: number; run: () => void; id: number }> = [];
  private nextId = 0;
  readonly delays: number[] = [];

  readonly schedule = (run: () => void, delayMs: number): (() => void) => {
    const id = this.nextId++;
    this.delays.push(delayMs);
    this.tasks.push({ at: this.now + delayMs, run, id });
    return () => {
      this.tasks = this.tasks.filter((task) => task.id !== id);
    };
  };

  get pending(): number {
    return this.tasks.length;
  }

  /** Runs every task due within `ms`, in time order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = this.tasks.filter((task) => task.at <= end).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.tasks = this.tasks.filter((task) => task !== due);
      this.now = due.at;
      due.run();
    }
    this.now = end;
  }
}

class FakeSocket implements WebSocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  readonly sent: ClientMessage[] = [];
  closedWith: number | null = null;

  constructor(
    readonly server: FakeServer,
    readonly url: string,
  ) {}

  send(data: string): void {
    assert.equal(this.closedWith, null, 'send on a closed socket');
    const message = JSON.parse(data) as ClientMessage;
    this.sent.push(message);
    this.server.received(this, message);
  }

  close(code = 1000, reason = ''): void {
    if (this.closedWith !== null) return;
    this.closedWith = code;
    this.onclose?.({ code, reason });
  }

  // --- the server's side ---
  open(): void {
    this.onopen?.({});
  }

  push(message: ServerMessage | Record<string, unknown>): void {
    if (this.closedWith !== null) return;
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The server (or the network) ends the connection. */
  drop(code = 1006, reason = ''): void {
    this.close(code, reason);
  }

  types(): string[] {
    return this.sent.map((message) => message.type);
  }
}

/**
 * A server in this process: opens sockets (unless `refuse`), answers `auth` with `auth_ok` when
 * the token is in `tokens` (unless `autoAuth` is off), and answers `subscribe`/`unsubscribe`,
 * denying the types in `denied`.
 */
class FakeServer {
  readonly sockets: FakeSocket[] = [];
  tokens = new Set(['good']);
  denied = new Set<string>();
  autoOpen = true;
  autoAuth = true;
  autoReply = true;
  refuse = false;
  readonly clock = new ManualClock();
  readonly WebSocketImpl: new (url: string) => FakeSocket;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const server = this;
    this.WebSocketImpl = class extends FakeSocket {
      constructor(url: string) {
        super(server, url);
        server.sockets.push(this);
        // like a browser: the outcome of opening arrives after the constructor returns
        queueMicrotask(() => {
          if (server.refuse) this.drop(1006);
          else if (server.autoOpen) this.open();
        });
      }
    };
  }

  service(options: { maxAttempts?: number } = {}): UnifiedWebSocketService {
    return new UnifiedWebSocketService({
      url: 'ws://app.test/ws',
      WebSocketImpl: this.WebSocketImpl,
      schedule: this.clock.schedule,
      random: () => 0.5,
      reconnect: {
        maxAttempts: options.maxAttempts ?? 5,
        initialDelay: 100,
        maxDelay: 1000,
        backoffFactor: 2,
      },
    });
  }

  get last(): FakeSocket {
    const socket = this.sockets[this.sockets.length - 1];
    assert.ok(socket, 'no socket was opened');
    return socket;
  }

  received(socket: FakeSocket, message: ClientMessage): void {
    // a real server answers later, never from inside the client's send()
    queueMicrotask(() => this.answer(socket, message));
  }

  private answer(socket: FakeSocket, message: ClientMessage): void {
    if (message.type === 'auth' && this.autoAuth) {
      if (this.tokens.has(message.token)) socket.push({ type: 'auth_ok' });
      else socket.push({ type: 'auth_error', code: 'bad_token', reason: 'invalid token' });
    } else if (message.type === 'subscribe' && this.autoReply) {
      socket.push({
        type: 'subscribed',
        id: message.id,
        eventTypes: message.eventTypes.filter((type) => !this.denied.has(type)),
        denied: message.eventTypes.filter((type) => this.denied.has(type)),
      });
    } else if (message.type === 'unsubscribe' && this.autoReply) {
      socket.push({ type: 'unsubscribed', id: message.id, eventTypes: message.eventTypes });
    }
  }
}

/** Lets queued microtasks (socket opening, promise callbacks) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function subscribes(socket: FakeSocket): Array<Extract<ClientMessage, { type: 'subscribe' }>> {
  return socket.sent.filter(
    (m): m is Extract<ClientMessage, { type: 'subscribe' }> => m.type === 'subscribe',
  );
}

// --- connecting ------------------------------------------------------------------------------------

test('auth is the first message, the token is not in the URL, nothing else goes before auth_ok', async () => {
  const server = new FakeServer();
  server.autoAuth = false;
  const service = server.service();
  const connected = service.connect('good');
  void service.subscribe([A]);
  await settle();
  const socket = server.last;
  assert.ok(!socket.url.includes('good'));
  assert.deepEqual(socket.sent, [{ type: 'auth', token: 'good' }]);
  assert.equal(service.isConnected(), false);

  socket.push({ type: 'auth_ok' });
  await connected;
  assert.equal(service.isConnected(), true);
  assert.deepEqual(socket.types(), ['auth', 'subscribe']);
});

test('connect twice opens one socket and returns the same promise', async () => {
  const server = new FakeServer();
  const service = server.service();
  const first = service.connect('good');
  const second = service.connect('good');
  assert.equal(first, second);
  await first;
  assert.equal(service.connect('good'), first);
  await service.connect('good');
  assert.equal(server.sockets.length, 1);
  assert.equal(service.getConnectionCount(), 1);
});

test('connect rejects on auth_error and the service does not retry', async () => {
  const server = new FakeServer();
  const service = server.service();
  const errors: Array<number | string> = [];
  service.onAuthError((error) => errors.push(error.code));
  await assert.rejects(service.connect('bad'));
  server.clock.advance(60_000);
  await settle();
  assert.equal(server.sockets.length, 1);
  assert.deepEqual(errors, ['bad_token']);
  assert.equal(service.getState(), 'auth_failed');
  assert.equal(service.getConnectionCount(), 0);
});

test('the default URL is /ws on the page origin, wss on https', async () => {
  const server = new FakeServer();
  const place = globalThis as { location?: unknown };
  place.location = { protocol: 'https:', host: 'console.example:8443' };
  try {
    const service = new UnifiedWebSocketService({ WebSocketImpl: server.WebSocketImpl });
    await service.connect('good');
    assert.equal(server.last.url, 'wss://console.example:8443/ws');
  } finally {
    delete place.location;
  }
});

// --- subscriptions ---------------------------------------------------------------------------------

test('subscribe sends the types with an id and resolves with granted and denied', async () => {
  const server = new FakeServer();
  server.denied.add(B);
  const service = server.service();
  await service.connect('good');
  const result = await service.subscribe([A, B]);
  assert.deepEqual(result, { granted: [A], denied: [B] });
  const [message] = subscribes(server.last);
  assert.ok(message);
  assert.deepEqual(message.eventTypes, [A, B]);
  assert.equal(typeof message.id, 'number');
  assert.deepEqual(service.getSubscriptions(), [A, B]);
});

test('events reach the handlers of their type only; off removes one or all', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  await service.subscribe([A, B]);
  const seen: string[] = [];
  const first = (data: unknown): void => void seen.push(`1:${JSON.stringify(data)}`);
  service.on(A, first);
  const offSecond = service.on(
    A,
    (data, meta) => void seen.push(`2:${JSON.stringify(data)}:${meta.seq}`),
  );
  service.on(B, () => void seen.push('B'));
  assert.deepEqual(service.getRegisteredEventTypes(), [A, B]);

  server.last.push({
    type: 'event',
    eventType: A,
    data: { n: 1 },
    seq: 7,
    ts: '2024-01-01T00:00:00Z',
  });
  assert.deepEqual(seen, ['1:{"n":1}', '2:{"n":1}:7']);

  offSecond();
  server.last.push({ type: 'event', eventType: A, data: 2, seq: 8, ts: '2024-01-01T00:00:01Z' });
  assert.deepEqual(seen.slice(2), ['1:2']);

  service.off(B);
  server.last.push({ type: 'event', eventType: B, data: 3, seq: 1, ts: '2024-01-01T00:00:02Z' });
  assert.equal(seen.length, 3);
  assert.deepEqual(service.getRegisteredEventTypes(), [A]);
});

test('an unasked recovered:false tells onResync which subscribed types to reload, and events go on', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  await service.subscribe([A]);
  const resyncs: EventType[][] = [];
  service.onResync((types) => void resyncs.push(types));
  const seqs: number[] = [];
  service.on(A, (_data, meta) => void seqs.push(meta.seq));
  server.last.push({ type: 'event', eventType: A, data: 1, seq: 40, ts: '2024-01-01T00:00:00Z' });

  // the server lost events (a broker outage longer than its history): no id, nothing asked
  server.last.push({ type: 'subscribed', eventTypes: [A, B], denied: [], recovered: false });
  assert.deepEqual(resyncs, [[A]], 'only the types this client holds');
  assert.deepEqual(service.getSubscriptions(), [A], 'an unasked answer grants nothing new');
  server.last.push({ type: 'event', eventType: A, data: 2, seq: 1, ts: '2024-01-01T00:00:01Z' });
  assert.deepEqual(seqs, [40, 1], 'the sequence started afresh and every event is delivered');

  // a subscribe with `since` whose events the history no longer holds says so the same way
  server.last.push({ type: 'subscribed', id: 99, eventTypes: [A], denied: [], recovered: true });
  assert.equal(resyncs.length, 1);
});

test('a throwing handler is reported to onError and the other handlers still run', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const errors: string[] = [];
  service.onError((error) => errors.push(error.source));
  let ran = false;
  service.on(A, () => {
    throw new Error('boom');
  });
  service.on(A, () => {
    ran = true;
  });
  server.last.push({ type: 'event', eventType: A, data: null, seq: 1, ts: '' });
  assert.equal(ran, true);
  assert.deepEqual(errors, ['handler']);
});

test('unsubscribe is reference-counted: the server hears it when the last subscriber leaves', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  await service.subscribe([A]);
  await service.subscribe([A]);
  assert.equal(subscribes(server.last).length, 1, 'a second subscriber sends nothing');

  await service.unsubscribe([A]);
  assert.ok(!server.last.types().includes('unsubscribe'));
  assert.deepEqual(service.getSubscriptions(), [A]);

  await service.unsubscribe([A]);
  const unsubscribe = server.last.sent.find((m) => m.type === 'unsubscribe');
  assert.deepEqual(unsubscribe && 'eventTypes' in unsubscribe ? unsubscribe.eventTypes : null, [A]);
  assert.deepEqual(service.getSubscriptions(), []);

  await service.unsubscribe([A]); // one too many: ignored
  assert.equal(server.last.types().filter((t) => t === 'unsubscribe').length, 1);
});

test('sends issued before auth_ok are held and flushed in order after it', async () => {
  const server = new FakeServer();
  server.autoAuth = false;
  const service = server.service();
  const pending = Promise.all([service.subscribe([A]), service.subscribe([B])]);
  const connected = service.connect('good');
  await settle();
  void service.unsubscribe([A]);
  void service.subscribe([C]);
  await settle();
  assert.deepEqual(server.last.types(), ['auth']);

  server.last.push({ type: 'auth_ok' });
  await connected;
  const flushed = server.last.sent
    .slice(1)
    .map((m) => `${m.type}:${'eventTypes' in m ? m.eventTypes.join() : ''}`);
  assert.deepEqual(flushed, [
    `subscribe:${A}`,
    `subscribe:${B}`,
    `unsubscribe:${A}`,
    `subscribe:${C}`,
  ]);
  const ids = server.last.sent.slice(1).map((m) => ('id' in m ? m.id : -1));
  assert.equal(new Set(ids).size, ids.length, 'every request has its own id');
  await pending;
});

// --- server messages ------------------------------------------------------------------------------

test('ping is answered with pong; server errors and bad frames reach onError', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const errors: string[] = [];
  const messages: string[] = [];
  service.onError((error) => errors.push(`${error.source}:${error.code}`));
  const stop = service.onMessage((message) => messages.push(message.type));
  server.last.push({ type: 'ping' });
  assert.deepEqual(server.last.sent[server.last.sent.length - 1], { type: 'pong' });
  server.last.push({ type: 'error', code: 'rate_limited', message: 'slow down' });
  server.last.onmessage?.({ data: 'not json' });
  assert.deepEqual(errors, ['server:rate_limited', 'server:bad_message']);
  stop();
  server.last.push({ type: 'ping' });
  assert.deepEqual(messages, ['ping', 'error']);
});

test('a server error answering a subscribe rejects that subscribe', async () => {
  const server = new FakeServer();
  server.autoReply = false;
  const service = server.service();
  await service.connect('good');
  const result = service.subscribe([A]);
  const [message] = subscribes(server.last);
  assert.ok(message);
  server.last.push({
    type: 'error',
    code: 'too_many',
    message: 'subscription limit',
    id: message.id,
  });
  await assert.rejects(result, /subscription limit/);
});

// --- reconnecting ---------------------------------------------------------------------------------

test('after an abnormal close: backoff, re-auth, re-subscribe with since, onReconnect', async () => {
  const server = new FakeServer();
  const service = server.service();
  const states: string[] = [];
  service.onStateChange((state) => states.push(state));
  let reconnects = 0;
  service.onReconnect(() => void reconnects++);
  const first = service.connect('good');
  await first;
  await service.subscribe([A, B]);
  server.last.push({ type: 'event', eventType: A, data: {}, seq: 41, ts: '' });
  server.last.push({ type: 'event', eventType: A, data: {}, seq: 42, ts: '' });

  server.last.drop(1006);
  assert.equal(service.getState(), 'reconnecting');
  assert.equal(service.getConnectionCount(), 0);
  // connect() while reconnecting: no second socket, and a promise of the coming session
  const again = service.connect('good');
  assert.notEqual(again, first);
  server.clock.advance(74); // initialDelay 100, jitter with random() = 0.5: 75
  assert.equal(server.sockets.length, 1, 'not before the backoff delay');
  server.clock.advance(1);
  await settle();

  assert.equal(server.sockets.length, 2);
  const socket = server.last;
  assert.deepEqual(socket.sent[0], { type: 'auth', token: 'good' });
  const [resubscribe] = subscribes(socket);
  assert.ok(resubscribe);
  assert.deepEqual(resubscribe.eventTypes, [A, B]);
  assert.deepEqual(resubscribe.since, { [A]: 42 });
  assert.equal(reconnects, 1);
  await again;
  assert.equal(service.isConnected(), true);
  assert.deepEqual(states, [
    'connecting',
    'authenticating',
    'connected',
    'reconnecting',
    'connecting',
    'authenticating',
    'connected',
  ]);
  assert.equal(service.getConnectionCount(), 1);
});

test('the backoff grows by backoffFactor up to maxDelay, with jitter', async () => {
  const server = new FakeServer();
  const service = server.service({ maxAttempts: 10 });
  await service.connect('good');
  server.refuse = true;
  server.last.drop(1011);
  for (let i = 0; i < 6; i++) {
    server.clock.advance(10_000);
    await settle();
  }
  // random() = 0.5: three quarters of 100, 200, 400, 800, then the 1000 ceiling
  assert.deepEqual(server.clock.delays.slice(0, 6), [75, 150, 300, 600, 750, 750]);
});

test('onReconnectFailed after maxAttempts, and nothing is tried after it', async () => {
  const server = new FakeServer();
  const service = server.service({ maxAttempts: 3 });
  const failed: number[] = [];
  service.onReconnectFailed((attempts) => failed.push(attempts));
  await service.connect('good');
  server.refuse = true;
  server.last.drop(1006);
  for (let i = 0; i < 5; i++) {
    server.clock.advance(10_000);
    await settle();
  }
  assert.deepEqual(failed, [3]);
  assert.equal(server.sockets.length, 1 + 3);
  assert.equal(service.getState(), 'failed');
  assert.equal(server.clock.pending, 0);
});

test('4408 (auth timeout) is retried', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  server.last.drop(4408, 'auth timeout');
  server.clock.advance(1000);
  await settle();
  assert.equal(server.sockets.length, 2);
  assert.equal(service.isConnected(), true);
});

test('4401 calls onAuthError without retrying; reconnectWithToken restores the session', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  await service.subscribe([A]);
  server.tokens = new Set(['fresh']);
  const restored: Array<Promise<void>> = [];
  service.onAuthError((error) => {
    assert.equal(error.code, 4401);
    restored.push(service.reconnectWithToken('fresh'));
  });
  server.last.drop(4401, 'bad token');
  assert.equal(restored.length, 1);
  await restored[0];
  assert.equal(server.sockets.length, 2, 'one new socket, no blind retry');
  assert.deepEqual(server.last.sent[0], { type: 'auth', token: 'fresh' });
  assert.deepEqual(subscribes(server.last)[0]?.eventTypes, [A]);
  server.clock.advance(60_000);
  await settle();
  assert.equal(server.sockets.length, 2);
  assert.equal(service.getConnectionCount(), 1);
});

test('4403 (expired) waits for a new token instead of retrying', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const codes: Array<number | string> = [];
  service.onAuthError((error) => codes.push(error.code));
  server.last.drop(4403, 'token expired');
  server.clock.advance(60_000);
  await settle();
  assert.deepEqual(codes, [4403]);
  assert.equal(server.sockets.length, 1);
  assert.equal(service.getState(), 'auth_failed');
});

test('updateToken sends refresh when connected, else the next connection uses it', async () => {
  const server = new FakeServer();
  server.tokens.add('newer').add('newest');
  const service = server.service();
  await service.connect('good');
  service.updateToken('newer');
  assert.deepEqual(server.last.sent[server.last.sent.length - 1], {
    type: 'refresh',
    token: 'newer',
  });

  server.last.drop(1006);
  service.updateToken('newest');
  server.clock.advance(1000);
  await settle();
  assert.equal(server.sockets.length, 2);
  assert.deepEqual(server.last.sent[0], { type: 'auth', token: 'newest' });
  assert.ok(!server.last.types().includes('refresh'));
});

test('disconnect closes with 1000 and does not reconnect; subscriptions survive a new connect', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  await service.subscribe([A]);
  const socket = server.last;
  service.disconnect();
  assert.equal(socket.closedWith, 1000);
  assert.equal(service.getState(), 'disconnected');
  assert.equal(service.getConnectionCount(), 0);
  server.clock.advance(60_000);
  await settle();
  assert.equal(server.sockets.length, 1);

  await service.connect('good');
  assert.equal(server.sockets.length, 2);
  assert.deepEqual(subscribes(server.last)[0]?.eventTypes, [A]);
});

test('debug records go to onDebug without the token', async () => {
  const server = new FakeServer();
  const service = server.service();
  const records: string[] = [];
  service.onDebug((message, detail) => records.push(`${message} ${JSON.stringify(detail)}`));
  service.enableDebugMode();
  await service.connect('good');
  assert.ok(records.some((record) => record.startsWith('send') && record.includes('auth')));
  assert.ok(!records.some((record) => record.includes('good')));
});

// --- the React hook -------------------------------------------------------------------------------

function sentTypes(socket: FakeSocket, type: 'subscribe' | 'unsubscribe'): string[][] {
  return socket.sent.flatMap((m) => (m.type === type ? [[...m.eventTypes].sort()] : []));
}

test('useWebSocketEvents subscribes on mount, keeps the latest data, unsubscribes on unmount', async () => {
  const server = new FakeServer();
  const service = server.service();
  const hook = renderHook((types: EventType[]) => useWebSocketEvents(types, service), [A, B]);
  assert.equal(hook.result.isConnected, false);
  await service.connect('good');
  await settle();
  assert.equal(hook.result.isConnected, true);
  assert.deepEqual(sentTypes(server.last, 'subscribe'), [[A, B].sort()]);

  server.last.push({ type: 'event', eventType: A, data: { v: 1 }, seq: 1, ts: '' });
  server.last.push({ type: 'event', eventType: A, data: { v: 2 }, seq: 2, ts: '' });
  assert.deepEqual(hook.result.events, { [A]: { v: 2 } });

  hook.unmount();
  await settle();
  assert.deepEqual(sentTypes(server.last, 'unsubscribe'), [[A, B].sort()]);
  assert.deepEqual(service.getRegisteredEventTypes(), []);
});

test('useWebSocketEvents: a new array with the same types does not resubscribe', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const hook = renderHook((types: EventType[]) => useWebSocketEvents(types, service), [A, B]);
  await settle();
  hook.rerender([B, A]);
  hook.rerender([A, B, A]);
  await settle();
  assert.deepEqual(sentTypes(server.last, 'subscribe'), [[A, B].sort()]);
  assert.deepEqual(sentTypes(server.last, 'unsubscribe'), []);

  server.last.push({ type: 'event', eventType: B, data: 'b', seq: 1, ts: '' });
  hook.rerender([A]);
  await settle();
  assert.deepEqual(sentTypes(server.last, 'unsubscribe'), [[A, B].sort()]);
  assert.deepEqual(sentTypes(server.last, 'subscribe'), [[A, B].sort(), [A]]);
  assert.deepEqual(hook.result.events, {}, 'data of a type no longer asked for is dropped');
});

test('useWebSocketEvents in two components: the server hears unsubscribe when both are gone', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const one = renderHook((types: EventType[]) => useWebSocketEvents(types, service), [A]);
  const two = renderHook((types: EventType[]) => useWebSocketEvents(types, service), [A, C]);
  await settle();
  one.unmount();
  await settle();
  assert.deepEqual(sentTypes(server.last, 'unsubscribe'), []);
  server.last.push({ type: 'event', eventType: A, data: 7, seq: 1, ts: '' });
  assert.deepEqual(two.result.events, { [A]: 7 }, 'the other component still gets its events');
  assert.deepEqual(one.result.events, {});

  two.unmount();
  await settle();
  assert.deepEqual(sentTypes(server.last, 'unsubscribe'), [[A, C].sort()]);
});

// --- which legacy route a URL takes ----------------------------------------------------------------

test('a URL takes the route whose literal segments match most of its path, after any base', () => {
  const routes = LEGACY_ROUTES as LegacyRoute[];
  const saved = routes.splice(0, routes.length);
  const route = (pattern: string): LegacyRoute => ({ pattern, typeField: 'type', payloadField: 'payload', types: [] });
  const [spool, health, anyTopic, anyResource] = [
    route('/spool'), route('/ws/health'), route('/ws/{topic}/{user}'), route('/{resource}')];
  routes.push(health, anyTopic, spool, anyResource); // most specific first, as init writes them
  try {
    const of = (url: string): string | undefined => legacyRouteFor(url)?.pattern;
    assert.equal(of('wss://app.test/ws/health/42?token=t'), '/ws/health'); // a per-user suffix
    assert.equal(of('/ws/dns/7'), '/ws/{topic}/{user}');
    assert.equal(of('ws://app.test/api/v1/spool/3'), '/spool'); // after a base read at run time
    assert.equal(of('/api/v1/vendor'), '/{resource}'); // only parameters: from the path's start
    assert.equal(of('/ws'), '/{resource}');
    routes.splice(0, routes.length, health, spool);
    assert.equal(of('/'), undefined); // fewer segments than any pattern
    assert.equal(of('/ws/logs'), undefined);
  } finally {
    routes.splice(0, routes.length, ...saved);
  }
});

test('the rebuilt message carries the event\'s time where the endpoint put it (time_field)', () => {
  const timed: LegacyRoute = { pattern: '/spool', typeField: 'type', payloadField: 'payload', timeField: 'date', types: [] };
  const ts = '2026-12-02T12:00:00.000Z';
  assert.deepEqual(legacyMessage(timed, 'updated', { id: 3 }, ts), { type: 'updated', payload: { id: 3 }, date: ts });
  assert.deepEqual(legacyMessage({ ...timed, payloadField: '.' }, 'updated', { id: 3 }, ts),
    { id: 3, type: 'updated', date: ts });
  assert.deepEqual(legacyMessage({ ...timed, timeField: undefined }, 'updated', { id: 3 }, ts),
    { type: 'updated', payload: { id: 3 } });
});

// --- an endpoint that keeps its own socket (`keep_socket: true` in the rules) ---------------------

test('openLegacySocket gives the browser\'s own socket for an endpoint that keeps it, the adapter otherwise', () => {
  const opened: Array<[string, unknown]> = [];
  class BrowserSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      opened.push([String(url), protocols]);
    }
  }
  const saved = (globalThis as { WebSocket?: unknown }).WebSocket;
  const { url } = legacyEndpoint(); // one the rules map: it goes over the service
  // a rule with `keep_socket: true`, as init writes it (the pack's rules have none)
  const kept: LegacyRoute = { pattern: '/ws/kept/{id}', typeField: 'type', payloadField: 'payload', keepSocket: true, types: [] };
  (LEGACY_ROUTES as LegacyRoute[]).unshift(kept);
  Object.assign(globalThis, { WebSocket: BrowserSocket });
  try {
    assert.ok(keepsOwnSocket('wss://app.test/ws/kept/7?token=t'));
    const own = openLegacySocket('wss://app.test/ws/kept/7?token=t', ['v1']);
    assert.ok(own instanceof BrowserSocket, 'the kept endpoint opens the browser\'s socket');
    assert.deepEqual(opened, [['wss://app.test/ws/kept/7?token=t', ['v1']]]);
    assert.equal(keepsOwnSocket(url), false);
    const adapted = openLegacySocket(url);
    assert.ok(adapted instanceof LegacySocket, 'any other endpoint goes over the service');
    assert.equal(opened.length, 1);
    adapted.close();
  } finally {
    (LEGACY_ROUTES as LegacyRoute[]).shift();
    Object.assign(globalThis, { WebSocket: saved });
  }
});

// --- the adapter `fix` puts a reconnecting library's socket over (legacySocket.ts) -------------

/** A URL of the rules' first legacy endpoint, and the EventType its first legacy type became. */
function legacyEndpoint(): { url: string; type: EventType } {
  const route = LEGACY_ROUTES[0];
  assert.ok(route !== undefined && route.types[0] !== undefined, 'the rules have a legacy endpoint');
  return { url: 'ws://app.test' + route.pattern.replace(/\{[^/]+\}/g, 'x'), type: route.types[0][0] };
}

function record(socket: EventTarget): string[] {
  const seen: string[] = [];
  socket.addEventListener('open', () => seen.push('open'));
  socket.addEventListener('close', (e) => seen.push(`close ${(e as CloseEvent).code}`));
  socket.addEventListener('message', () => seen.push('message'));
  return seen;
}

test('a reconnecting legacy socket stays subscribed through a lost connection, as the library did', async () => {
  const server = new FakeServer();
  const service = server.service();
  const { url, type } = legacyEndpoint();
  const socket = new ReconnectingLegacySocket(url, {}, service);
  const seen = record(socket);
  await service.connect('good');
  await settle();
  assert.deepEqual(seen, ['open']);
  assert.ok(service.getSubscriptions().includes(type));

  server.last.drop(1006); // the network drops: the library's socket closed, then came back
  await settle();
  assert.deepEqual(seen, ['open', 'close 1006']);
  assert.equal(socket.readyState, socket.CONNECTING);
  assert.ok(service.getSubscriptions().includes(type), 'still subscribed while the service reconnects');
  server.clock.advance(10_000);
  await settle();
  assert.deepEqual(seen, ['open', 'close 1006', 'open']);
  server.last.push({ type: 'event', eventType: type, data: { n: 1 }, seq: 1, ts: '' });
  assert.deepEqual(seen.slice(3), ['message']);

  socket.reconnect(); // closes and opens again, as reconnecting-websocket's reconnect() does
  await settle();
  assert.deepEqual(seen.slice(4), ['close 1000', 'open']);
  socket.close();
  await settle();
  assert.deepEqual(seen.slice(6), ['close 1000']);
  assert.ok(!service.getSubscriptions().includes(type), 'close() lets go of its types');
  server.last.push({ type: 'event', eventType: type, data: { n: 2 }, seq: 2, ts: '' });
  assert.equal(seen.filter((s) => s === 'message').length, 1);
});

test('a reconnecting legacy socket takes a URL provider, and startClosed waits for reconnect()', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const { url, type } = legacyEndpoint();
  const later = new ReconnectingLegacySocket(() => Promise.resolve(url), {}, service);
  const closed = new ReconnectingLegacySocket(() => url, { startClosed: true, maxRetries: 3 }, service);
  const seenLater = record(later);
  const seenClosed = record(closed);
  await settle();
  assert.deepEqual(seenLater, ['open']);
  assert.equal(later.url, url);
  assert.deepEqual(seenClosed, []);
  assert.equal(closed.readyState, closed.CLOSED);
  closed.reconnect();
  await settle();
  assert.deepEqual(seenClosed, ['open']);
  assert.ok(service.getSubscriptions().includes(type));
});

test('a legacy socket hands a text its endpoint sent whole as the text frame, anything else as JSON', async () => {
  const route = LEGACY_ROUTES.find((r) => r.types.some(([, legacy]) => legacy === null));
  assert.ok(route !== undefined, 'the rules have an endpoint with a default event');
  const whole = route.types.find(([, legacy]) => legacy === null);
  assert.ok(whole !== undefined);
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const socket = new LegacySocket('ws://app.test' + route.pattern.replace(/\{[^/]+\}/g, 'x'), service);
  const frames: unknown[] = [];
  socket.onmessage = (event) => frames.push(event.data);
  await settle();
  server.last.push({ type: 'event', eventType: whole[0], data: 'line 1\n', seq: 1, ts: '' });
  server.last.push({ type: 'event', eventType: whole[0], data: { up: true }, seq: 2, ts: '' });
  assert.deepEqual(frames, ['line 1\n', '{"up":true}']);
  socket.close();
});

test('Sarus over the adapter: its listeners, on/off, a loss and disconnect', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const { url, type } = legacyEndpoint();
  const seen: string[] = [];
  const sarus = new LegacySarus({
    url,
    eventListeners: { open: [() => seen.push('open')], message: [() => seen.push('message')] },
    retryConnectionDelay: true, // Sarus's own options pass
  }, service);
  const other = (): void => {
    seen.push('other');
  };
  sarus.on('message', other);
  sarus.on('close', () => seen.push('close'));
  await settle();
  server.last.push({ type: 'event', eventType: type, data: { n: 1 }, seq: 1, ts: '' });
  assert.deepEqual(seen, ['open', 'message', 'other']);
  sarus.off('message', other);
  server.last.drop(1006); // Sarus reconnects by itself: close, then open once the service is back
  await settle();
  server.clock.advance(10_000);
  await settle();
  server.last.push({ type: 'event', eventType: type, data: { n: 2 }, seq: 2, ts: '' });
  assert.deepEqual(seen.slice(3), ['close', 'open', 'message']);
  sarus.disconnect();
  await settle();
  assert.equal(sarus.ws, undefined);
  assert.ok(!service.getSubscriptions().includes(type), 'disconnect() lets go of its types');
});

test('Sockette over the adapter: onreconnect when the service is lost, onclose on close()', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const { url, type } = legacyEndpoint();
  const seen: string[] = [];
  const sockette = new LegacySockette(url, {
    timeout: 5000, // Sockette's own options pass
    onopen: () => seen.push('open'),
    onmessage: () => seen.push('message'),
    onclose: () => seen.push('close'),
    onreconnect: () => seen.push('reconnect'),
  }, service);
  await settle();
  server.last.drop(1006);
  await settle();
  server.clock.advance(10_000);
  await settle();
  server.last.push({ type: 'event', eventType: type, data: { n: 1 }, seq: 1, ts: '' });
  sockette.close();
  await settle();
  assert.deepEqual(seen, ['open', 'reconnect', 'open', 'message', 'close']);
});

// --- the event monitor and debug mode (init --monitor) -----------------------------------------------

function eventFrame(type: EventType, seq: number, data: unknown): Record<string, unknown> {
  return { type: 'event', eventType: type, data, seq, ts: `2026-01-01T00:00:0${seq % 10}.000Z` };
}

/** The text of a rendered element tree, depth first. */
function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  return (node as FakeElement).children.map(textOf).join('');
}

function find(node: unknown, type: string): FakeElement[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((child) => find(child, type));
  const element = node as FakeElement;
  return [...(element.type === type ? [element] : []), ...element.children.flatMap((c) => find(c, type))];
}

test('useEventMonitor keeps the newest `limit` events with their type, data, seq and times', async () => {
  const server = new FakeServer();
  const service = server.service();
  const clock = new Date('2026-03-01T12:00:00.000Z');
  const hook = renderHook(() => useEventMonitor({ service, limit: 3, now: () => clock }), undefined);
  assert.equal(hook.result.state, 'idle');
  await service.connect('good');
  assert.equal(hook.result.state, 'connected');
  for (let seq = 1; seq <= 5; seq++) server.last.push(eventFrame(seq % 2 ? A : B, seq, { n: seq }));
  server.last.push({ type: 'pong' }); // not an event: not listed
  const events = hook.result.events;
  assert.deepEqual(events.map((e) => [e.type, e.seq, e.data]), [[A, 3, { n: 3 }], [B, 4, { n: 4 }], [A, 5, { n: 5 }]]);
  assert.equal(events[0]?.timestamp, '2026-03-01T12:00:00.000Z');
  assert.equal(events[0]?.ts, '2026-01-01T00:00:03.000Z');
  assert.equal(new Set(events.map((e) => e.id)).size, 3, 'ids are stable keys, never reused');
  hook.result.clear();
  assert.deepEqual(hook.result.events, []);
  hook.unmount();
  server.last.push(eventFrame(A, 6, {}));
  assert.deepEqual(hook.result.events, [], 'an unmounted monitor listens no more');
});

test('useEventMonitor subscribes to what it is told while mounted, and no more after', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const hook = renderHook(() => useEventMonitor({ service, subscribe: [A, B] }), undefined);
  await settle();
  assert.deepEqual(subscribes(server.last).map((m) => [...m.eventTypes].sort()), [[A, B].sort()]);
  server.last.push(eventFrame(A, 1, 'x'));
  assert.equal(hook.result.events.length, 1);
  hook.unmount();
  await settle();
  assert.ok(server.last.types().includes('unsubscribe'));
  assert.deepEqual(service.getSubscriptions(), []);
});

test('EventMonitor renders the state and the events newest first; Clear empties it', async () => {
  const server = new FakeServer();
  const service = server.service();
  await service.connect('good');
  const view = renderHook(EventMonitor, { service, title: 'Debug' });
  server.last.push(eventFrame(A, 1, { first: true }));
  server.last.push(eventFrame(B, 2, { second: true }));
  const tree = view.result as unknown as FakeElement;
  assert.equal(find(tree, 'h3').map(textOf)[0], 'Debug');
  assert.match(textOf(find(tree, 'p')[0]), /Connection: connected · 2 events/);
  const rows = find(tree, 'div').filter((d) => d.props.className === 'ws-event');
  assert.deepEqual(rows.map((row) => textOf(find(row, 'strong'))), [B, A]);
  assert.deepEqual(rows.map((row) => row.props.key), [1, 0]);
  assert.equal(textOf(find(rows[0], 'pre')), JSON.stringify({ second: true }, null, 2));
  const clear = find(tree, 'button')[0]?.props.onClick as () => void;
  clear();
  assert.match(textOf(find(view.result as unknown as FakeElement, 'p')[0]), /0 events/);
});

test('enableDebugMode logs messages, states and debug records, masks the token, and undoes itself', async () => {
  const server = new FakeServer();
  const service = server.service();
  const lines: unknown[][] = [];
  const logger = { debug: (...values: unknown[]) => lines.push(values) };
  const off = enableDebugMode({ enabled: true, service, logger });
  await service.connect('good');
  server.last.push(eventFrame(A, 1, { n: 1 }));
  const labels = lines.map((line) => line[0]);
  assert.ok(labels.includes('WS State:') && labels.includes('WS Message:'));
  assert.ok(lines.some((line) => line[0] === 'WS State:' && line[1] === 'connected'));
  assert.ok(lines.some((line) => line[0] === 'WS Message:' && (line[1] as { seq?: number }).seq === 1));
  const sentAuth = lines.find((line) => line[0] === 'WS Debug: send');
  assert.deepEqual(sentAuth?.[1], { type: 'auth', token: '***' });
  assert.ok(!JSON.stringify(lines).includes('good'), 'the token is never logged');
  off();
  const before = lines.length;
  server.last.push(eventFrame(A, 2, {}));
  assert.equal(lines.length, before);
});

test('enableDebugMode is off unless NODE_ENV is development or it is told', async () => {
  const server = new FakeServer();
  const service = server.service();
  const lines: unknown[][] = [];
  const logger = { debug: (...values: unknown[]) => lines.push(values) };
  const saved = process.env.NODE_ENV;
  try {
    process.env.NODE_ENV = 'production';
    enableDebugMode({ service, logger });
    await service.connect('good');
    assert.deepEqual(lines, []);
    process.env.NODE_ENV = 'development';
    enableDebugMode({ service, logger });
    server.last.push(eventFrame(A, 1, {}));
    assert.deepEqual(lines.map((line) => line[0]), ['WS Debug: receive', 'WS Message:']);
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
});
