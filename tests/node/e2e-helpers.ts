/**
 * What the end-to-end tests of adapted apps share (tests/test_adapter_e2e.py compiles them with
 * the app): the server's address and credentials from the environment, a page for the app's
 * code (a WebSocket and `location`, set when this module loads, before the app is required),
 * waiting, and publishing.
 *
 * Environment: WSM_BASE (the server, `http://127.0.0.1:port`), WSM_TOKEN (a viewer's JWT),
 * WSM_KEY (the publish API key).
 */

import assert from 'node:assert/strict';

export const BASE = process.env.WSM_BASE ?? '';
export const TOKEN = process.env.WSM_TOKEN ?? '';
const KEY = process.env.WSM_KEY ?? '';

// what a browser gives the app's code: a WebSocket and the page's location (set before it loads)
export const page = new URL(BASE);
Object.assign(globalThis, {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  WebSocket: require('ws'),
  location: { protocol: page.protocol, host: page.host, origin: page.origin, href: page.href },
  window: globalThis,
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// generous: on a loaded 2-core machine the server and Node share the cores (a passing wait returns at once)
export async function until(what: string, check: () => boolean, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Until the server itself lists `types` as subscribed on one connection (the client's own list
 * says what it asked for; an event published before the server has the subscription is lost). */
export async function serverSubscribed(types: readonly string[], timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${BASE}/inspector/api/connections`, { headers: { Authorization: `Bearer ${KEY}` } });
    const body = (await response.json()) as { connections: Array<{ subscriptions: Array<{ eventType: string }> }> };
    const held = new Set(body.connections.flatMap((c) => c.subscriptions.map((s) => s.eventType)));
    if (types.every((t) => held.has(t))) return;
    assert.ok(Date.now() < deadline, `timed out waiting for the server to hold ${types.filter((t) => !held.has(t))}`);
    await sleep(20);
  }
}

export async function publish(eventType: string, data: unknown): Promise<void> {
  const response = await fetch(`${BASE}/publish`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ eventType, data }),
  });
  assert.equal(response.status, 202, await response.clone().text());
}
