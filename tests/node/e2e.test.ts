/**
 * The generated client against a real `ws-migrate serve` process, run by tests/test_server_e2e.py
 * under `node --test`. Node 20 has no global WebSocket: the pinned `ws` package is injected.
 *
 * Environment (set by the Python test): WSM_SERVE (JSON array: the command that serves, without
 * --port/--broker), WSM_SECRET (JWT secret), WSM_KEY (publish API key), WSM_REDIS (a redis://
 * URL, or empty when redis-server is not installed: the recovery test is skipped then).
 */

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { after, test } from 'node:test';

import {
  EVENT_ROLES,
  EventType,
  UnifiedWebSocketService,
  type WebSocketConstructor,
} from './generated';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocketImpl = require('ws') as WebSocketConstructor;

const SERVE = JSON.parse(process.env.WSM_SERVE ?? '[]') as string[];
const SECRET = process.env.WSM_SECRET ?? '';
const KEY = process.env.WSM_KEY ?? '';
const REDIS = process.env.WSM_REDIS ?? '';

const ALL = Object.values(EventType) as EventType[];
const OPEN = ALL.find((t) => EVENT_ROLES[t].includes('viewer')) as EventType;
const ADMIN_ONLY = ALL.find((t) => !EVENT_ROLES[t].includes('viewer')) as EventType;

function jwt(role: string, lifetimeSeconds = 600, user = `${role}-user`): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = part({ alg: 'HS256', typ: 'JWT' });
  const exp = Math.floor(Date.now() / 1000) + lifetimeSeconds;
  const body = part({ sub: user, role, exp });
  const signature = createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One `serve` process on a fixed port, which a test can stop and start again. */
class ServerProcess {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly port: number,
    private readonly broker: string,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const [command, ...args] = SERVE;
    assert.ok(command, 'WSM_SERVE is not set');
    const extra = ['--port', String(this.port), ...(this.broker ? ['--broker', this.broker] : [])];
    const child = spawn(command, [...args, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      assert.equal(child.exitCode, null, `serve exited:\n${this.output}`);
      try {
        const response = await fetch(`${this.base}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      assert.ok(Date.now() < deadline, `serve did not start:\n${this.output}`);
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async publish(eventType: EventType, data: unknown): Promise<number> {
    const response = await fetch(`${this.base}/publish`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ eventType, data }),
    });
    assert.equal(response.status, 202, await response.clone().text());
    return ((await response.json()) as { seq: number }).seq;
  }
}

const servers: ServerProcess[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

async function startServer(broker = ''): Promise<ServerProcess> {
  const server = new ServerProcess(await freePort(), broker);
  servers.push(server);
  await server.start();
  return server;
}

function service(server: ServerProcess): UnifiedWebSocketService {
  return new UnifiedWebSocketService({
    url: `ws://127.0.0.1:${server.port}/ws`,
    WebSocketImpl,
    reconnect: { maxAttempts: 50, initialDelay: 100, maxDelay: 400, backoffFactor: 2 },
  });
}

/** Resolves with the data of the next `count` events of `eventType`. */
function collect(client: UnifiedWebSocketService, eventType: EventType, count: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const seen: unknown[] = [];
    const timer = setTimeout(() => reject(new Error(`got ${JSON.stringify(seen)} of ${count}`)), 10_000);
    const off = client.on(eventType, (data) => {
      seen.push(data);
      if (seen.length === count) {
        clearTimeout(timer);
        off();
        resolve(seen);
      }
    });
  });
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(20);
  }
}

test('auth, subscribe, receive, and role denial', async () => {
  const server = await startServer();
  const viewer = service(server);
  await viewer.connect(jwt('viewer'));
  const result = await viewer.subscribe([OPEN, ADMIN_ONLY]);
  assert.deepEqual(result, { granted: [OPEN], denied: [ADMIN_ONLY] });
  const got = collect(viewer, OPEN, 2);
  await server.publish(OPEN, { n: 1 });
  await server.publish(OPEN, { n: 2 });
  assert.deepEqual(await got, [{ n: 1 }, { n: 2 }]);

  const admin = service(server);
  await admin.connect(jwt('admin'));
  assert.deepEqual(await admin.subscribe([ADMIN_ONLY]), { granted: [ADMIN_ONLY], denied: [] });
  const secret = collect(admin, ADMIN_ONLY, 1);
  await server.publish(ADMIN_ONLY, { audit: true });
  assert.deepEqual(await secret, [{ audit: true }]);

  const refused = service(server);
  await assert.rejects(refused.connect('not-a-token'));
  assert.equal(refused.getState(), 'auth_failed');
  viewer.disconnect();
  admin.disconnect();
});

test('server restart: reconnect with backoff, re-subscribe, recover missed events', { skip: REDIS ? false : 'redis-server is not installed: recovery across a restart needs history outside the process' }, async () => {
  // two nodes on one Redis: events published on B while A is down are recovered from A's history
  const a = await startServer(REDIS);
  const b = await startServer(REDIS);
  const client = service(a);
  const states: string[] = [];
  client.onStateChange((state) => states.push(state));
  let reconnects = 0;
  client.onReconnect(() => (reconnects += 1));
  await client.connect(jwt('viewer'));
  await client.subscribe([OPEN]);
  const before = collect(client, OPEN, 1);
  await b.publish(OPEN, { phase: 'before' });
  assert.deepEqual(await before, [{ phase: 'before' }]);

  await a.stop();
  await until(() => states.includes('reconnecting'), 'the client to notice');
  const missed = collect(client, OPEN, 3);
  await b.publish(OPEN, { phase: 'missed', n: 1 });
  await b.publish(OPEN, { phase: 'missed', n: 2 });
  await sleep(300); // a few failed attempts: backoff, not a tight loop
  await a.start();
  await until(() => reconnects === 1, 'the reconnect');
  await b.publish(OPEN, { phase: 'after' });
  assert.deepEqual(await missed, [
    { phase: 'missed', n: 1 },
    { phase: 'missed', n: 2 },
    { phase: 'after' },
  ]);
  assert.equal(client.getConnectionCount(), 1);
  client.disconnect();
});

test('server restart without Redis: reconnect and re-subscribe', async () => {
  const server = await startServer();
  const client = service(server);
  let reconnects = 0;
  client.onReconnect(() => (reconnects += 1));
  await client.connect(jwt('viewer'));
  await client.subscribe([OPEN]);
  await server.stop();
  await sleep(200);
  await server.start();
  await until(() => reconnects === 1, 'the reconnect');
  const after = collect(client, OPEN, 1);
  await sleep(100); // the re-subscribe is answered
  await server.publish(OPEN, { back: true });
  assert.deepEqual(await after, [{ back: true }]);
  client.disconnect();
});

test('token expiry: refresh keeps the connection; without it 4403 runs onAuthError', async () => {
  const server = await startServer();
  const refreshed = service(server);
  const lapsed = service(server);
  await refreshed.connect(jwt('viewer', 2));
  await lapsed.connect(jwt('viewer', 2));
  await refreshed.subscribe([OPEN]);
  const authErrors: Array<number | string> = [];
  lapsed.onAuthError((error) => {
    authErrors.push(error.code);
    void lapsed.reconnectWithToken(jwt('viewer'));
  });
  refreshed.updateToken(jwt('viewer'));
  await sleep(3200);
  assert.equal(refreshed.getState(), 'connected');
  assert.equal(refreshed.getConnectionCount(), 1);
  const got = collect(refreshed, OPEN, 1);
  await server.publish(OPEN, { still: 'here' });
  assert.deepEqual(await got, [{ still: 'here' }]);
  assert.deepEqual(authErrors, [4403]);
  await until(() => lapsed.isConnected(), 'the new session');
  refreshed.disconnect();
  lapsed.disconnect();
});
