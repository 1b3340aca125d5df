/**
 * An app whose wrappers `ws-migrate fix` put over the adapter, run under Node against a real
 * `ws-migrate serve` (started by tests/test_adapter_e2e.py). The app's code is the fixture
 * tests/data/fix/adapter_wrappers after `init` and `fix --write`: a class with an instance per
 * channel, a factory handed its handlers, a generic hook with a fixed-topic hook on it. Each is
 * used through its own, unchanged API; the events published on the server must reach the app's
 * handlers, in the shape each wrapper handed them over, on one connection.
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

test('the wrappers keep their API, on one connection to the unified server', async () => {
  // the class: `connect(token)` put the token in its URL; the adapter hands it to the service
  app.alerts.watchAlerts(TOKEN);
  const deploys: string[] = [];
  const stopDeploys = app.alerts.watchDeploys(TOKEN, (name) => deploys.push(name));
  // the factory, handed its handlers
  const feed = app.prices.watchBitcoin();
  // the fixed-topic hook on the generic hook, mounted as a component would
  const zones = renderHook(app.zones.useZoneCount, 'u1');
  // a fixed-kind hook on a generic hook on a reconnecting-websocket factory, given a callback
  const changes: Array<[string, unknown]> = [];
  const onServer = (change: string, server: unknown): void => {
    changes.push([change, server]);
  };
  const servers = renderHook(app.servers.useServerWatch, onServer);
  // fixed-topic hooks on a generic hook on react-use-websocket's `useWebSocket`
  const poses: unknown[] = [];
  const batteries: unknown[] = [];
  const pose = renderHook(app.robot.usePose, (p: unknown) => {
    poses.push(p);
  });
  const battery = renderHook(app.robot.useBattery, (b: unknown) => {
    batteries.push(b);
  });
  // a fixed-service composable on a generic one on VueUse's `useWebSocket`, in a Vue scope
  const lines: string[] = [];
  // a class instance whose messages are flat (`payload_field: .`)
  const stopHost = app.metrics.watchHost();
  const scope = app.effectScope();
  const logStatus = scope.run(() => app.logs.useApiLog((line) => lines.push(line)));
  assert.ok(logStatus !== undefined);

  await until('the service to connect', () => service.isConnected());
  const E = app.EventType;
  const wanted = [E.ALERT_RAISED, E.ALERT_CLEARED, E.DEPLOY_STARTED, E.PRICE_TICK, E.TRADING_HALTED,
    E.ZONE_CREATED, E.BIND_RELOADED, E.SERVER_ADDED, E.SERVER_DELETED, E.POSE_SAMPLE, E.BATTERY_SAMPLE,
    E.API_LOG_LINE, E.METRICS_SAMPLE];
  await until('the subscriptions', () => wanted.every((t) => service.getSubscriptions().includes(t)));
  await until('the legacy sockets to open', () =>
    app.channels.alertsChannel.isConnected() && zones.result.live && servers.result === true &&
    pose.result === true && battery.result === true && logStatus.value === 'OPEN');
  assert.equal(service.getConnectionCount(), 1, 'one connection for every wrapper');
  await serverSubscribed(wanted);

  await publish('ALERT_RAISED', { id: 'a1', level: 'crit' });
  await publish('DEPLOY_STARTED', { service: 'api' });
  await publish('PRICE_TICK', { symbol: 'BTC', price: 97000 });
  await publish('ZONE_CREATED', { zone: 'example.com' });
  await publish('ZONE_CREATED', { zone: 'example.org' });
  await publish('SERVER_ADDED', { name: 'db1', region: 'eu' });
  await publish('POSE_SAMPLE', { x: 1.5, y: -2 });
  await publish('API_LOG_LINE', 'GET /health 200'); // a text stream: the line as it was sent
  await publish('METRICS_SAMPLE', { cpu: 3, mem: 40 });
  await until('the events', () =>
    app.alerts.open.length === 1 && deploys.length === 1 && app.prices.last.get('BTC') === 97000 &&
    zones.result.zones === 2 && changes.length === 1 && poses.length === 1 && lines.length === 1 &&
    app.hostMetrics.last !== null);
  assert.deepEqual(app.hostMetrics.last, { cpu: 3, mem: 40 }); // `{type, cpu, mem}` rebuilt flat
  assert.deepEqual(lines, ['GET /health 200']);
  // the watch message's `object`, as the hook read it (the rules' payload_field)
  assert.deepEqual(changes, [['added', { name: 'db1', region: 'eu' }]]);
  // each topic's samples reach its own hook only
  assert.deepEqual(poses, [{ x: 1.5, y: -2 }]);
  assert.deepEqual(batteries, []);
  assert.deepEqual(app.alerts.open, [{ id: 'a1', level: 'crit' }]); // the payload, as `on` handed it
  assert.deepEqual(deploys, ['api']);

  await publish('ALERT_CLEARED', { id: 'a1' });
  await publish('TRADING_HALTED', {});
  await publish('BIND_RELOADED', {});
  await until('the second events', () =>
    app.alerts.open.length === 0 && app.prices.halted && zones.result.zones === 0);

  // a wrapper that lets go unsubscribes its types; the others keep theirs
  stopDeploys();
  app.channels.opsChannel.disconnect();
  feed.close();
  zones.unmount();
  servers.unmount();
  pose.unmount();
  battery.unmount();
  scope.stop(); // autoClose: the composable's socket closes with its scope
  stopHost();
  await until('the unsubscriptions', () =>
    !service.getSubscriptions().includes(E.SERVER_ADDED) && !service.getSubscriptions().includes(E.POSE_SAMPLE) &&
    !service.getSubscriptions().includes(E.API_LOG_LINE) &&
    !service.getSubscriptions().includes(E.METRICS_SAMPLE) &&
    !service.getSubscriptions().includes(E.PRICE_TICK) && !service.getSubscriptions().includes(E.ZONE_CREATED));
  assert.ok(service.getSubscriptions().includes(E.ALERT_RAISED));
  assert.equal(service.getConnectionCount(), 1);
});
