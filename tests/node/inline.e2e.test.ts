/**
 * The app of tests/data/fix/adapter_wrappers after `init`, `fix --write` and then
 * `fix --inline --write`, run under Node against a real `ws-migrate serve` (started by
 * tests/test_adapter_e2e.py). The class's instances are gone: their callers (`watchAlerts`,
 * `watchDeploys`) now call the service itself, as does `useZoneCount`, whose fixed-topic hook
 * call went; they must behave as before — the payload reaches the same handlers,
 * `watchDeploys`' returned function still stops its handler, the zone count follows
 * `isConnected` — while the watch hook that stayed on the adapter shares the one connection.
 *
 * Environment: see e2e-helpers.ts.
 */

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { TOKEN, publish, serverSubscribed, until } from './e2e-helpers';
import { renderHook } from './fake-react';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const app = require('./app') as typeof import('./app');

const service = app.websocketService;
after(() => service.disconnect());

test('inlined callers get the same events, beside a wrapper still on the adapter', async () => {
  app.alerts.watchAlerts(TOKEN);
  const deploys: string[] = [];
  const stopDeploys = app.alerts.watchDeploys(TOKEN, (name) => deploys.push(name));
  const zones = renderHook(app.zones.useZoneCount, 'u1'); // on the service itself now
  const changes: Array<[string, unknown]> = [];
  const servers = renderHook(app.servers.useServerWatch, (change: string, server: unknown) => {
    changes.push([change, server]);
  }); // still through the adapter

  await until('the service to connect', () => service.isConnected());
  const E = app.EventType;
  const wanted = [E.ALERT_RAISED, E.ALERT_CLEARED, E.DEPLOY_STARTED, E.ZONE_CREATED, E.BIND_RELOADED,
    E.SERVER_ADDED];
  await until('the subscriptions', () => wanted.every((t) => service.getSubscriptions().includes(t)));
  await until('the hooks to see the connection', () => zones.result.live && servers.result === true);
  assert.equal(service.getConnectionCount(), 1, 'one connection, inlined or adapted');
  await serverSubscribed(wanted);

  await publish('ALERT_RAISED', { id: 'a1', level: 'crit' });
  await publish('ALERT_RAISED', { id: 'a2', level: 'warn' });
  await publish('DEPLOY_STARTED', { service: 'api' });
  await publish('ZONE_CREATED', { zone: 'example.com' });
  await publish('SERVER_ADDED', { name: 'db1', region: 'eu' });
  await until('the events', () =>
    app.alerts.open.length === 2 && deploys.length === 1 && zones.result.zones === 1 && changes.length === 1);
  assert.deepEqual(changes, [['added', { name: 'db1', region: 'eu' }]]);
  assert.deepEqual(app.alerts.open, [{ id: 'a1', level: 'crit' }, { id: 'a2', level: 'warn' }]);
  assert.deepEqual(deploys, ['api']);

  await publish('ALERT_CLEARED', { id: 'a1' });
  await publish('BIND_RELOADED', {});
  await until('the alert to clear', () => app.alerts.open.length === 1 && zones.result.zones === 0);
  assert.deepEqual(app.alerts.open, [{ id: 'a2', level: 'warn' }]);

  // the function `watchDeploys` returns still stops its handler, as the channel's `on` did
  stopDeploys();
  await publish('DEPLOY_STARTED', { service: 'web' });
  await publish('ALERT_RAISED', { id: 'a3', level: 'crit' }); // a later event that still arrives
  await until('the later alert', () => app.alerts.open.length === 2);
  assert.deepEqual(deploys, ['api']);
  zones.unmount();
  servers.unmount();
  await until('the hooks to unsubscribe', () =>
    !service.getSubscriptions().includes(E.ZONE_CREATED) && !service.getSubscriptions().includes(E.SERVER_ADDED));
});
