/**
 * An app whose endpoints share legacy types through the rules' top-level `messages:`, with
 * EventTypes whose wire values are not their names (`ZONE_CREATED = 'zone_created'`), run under
 * Node against a real `ws-migrate serve` (started by tests/test_adapter_e2e.py). The app's code
 * is the fixture tests/data/fix/adapter_shared_messages after `init` and `fix --write`: one
 * class with an instance per channel, over the adapter. Events published by their names reach
 * the clients subscribed by the wire values, and each channel gets only its own types.
 *
 * Environment: see e2e-helpers.ts.
 */

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { TOKEN, publish, serverSubscribed, until } from './e2e-helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const app = require('./app') as typeof import('./app');

const service = app.websocketService;
after(() => service.disconnect());

test('shared types and wire values reach the right channels, published by name', async () => {
  const E = app.EventType;
  assert.equal(E.ZONE_CREATED, 'zone_created');
  assert.equal(E.BIND_RELOADED, 'bind.reloaded');
  app.channels.start(TOKEN);
  await until('the service to connect', () => service.isConnected());
  const wanted = [E.ZONE_CREATED, E.BIND_RELOADED, E.SYSTEM_STATUS, E.DNS_ZONE_CREATED, E.DNS_ZONE_UPDATED,
    E.FORWARDER_STATUS];
  await until('the subscriptions', () => wanted.every((t) => service.getSubscriptions().includes(t)));
  assert.equal(service.getConnectionCount(), 1, 'one connection for every channel');
  await serverSubscribed(wanted); // the server holds them by their wire values

  await publish('ZONE_CREATED', { zone: 'example.com' }); // by name
  await publish('zone_created', { zone: 'example.org' }); // by wire value
  await publish('BIND_RELOADED', { server: 'ns1' });
  await publish('DNS_ZONE_CREATED', { zone: 'dns.example' });
  await publish('FORWARDER_STATUS', { up: true });
  await until('the events', () => app.channels.seen.length === 5);
  assert.deepEqual(app.channels.seen, [
    ['system zone', { zone: 'example.com' }],
    ['system zone', { zone: 'example.org' }],
    ['bind', { server: 'ns1' }],
    ['dns zone', { zone: 'dns.example' }],
    ['forwarder', { up: true }],
  ]);
});
