/**
 * A wrapper some of whose endpoints keep their own socket (`keep_socket: true`), after `ws-migrate
 * fix`, run under Node against a real `ws-migrate serve` (started by tests/test_adapter_e2e.py).
 * The app is tests/data/fix/adapter_kept after `init` and `fix --write`: a generic hook on
 * react-use-websocket whose callers pick the stream, and a composable on VueUse. The telemetry
 * hooks must get the server's events over the one unified connection; the joystick, which sends,
 * must go through react-use-websocket's own hook as before (the fake one records it).
 *
 * Environment: see e2e-helpers.ts.
 */

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { TOKEN, page, publish, serverSubscribed, until } from './e2e-helpers';
import { renderHook } from './fake-react';
import { opened, sent } from './fake-react-use-websocket';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const app = require('./app') as typeof import('./app');

const service = app.websocketService;
after(() => service.disconnect());

test('kept endpoints keep their own socket; the others go over one connection', async () => {
  void service.connect(TOKEN);
  const altitude = renderHook(app.altitude.useAltitude, undefined);
  const battery = renderHook(app.battery.useBattery, undefined);
  const stick = renderHook(app.stick.useStick, undefined);
  const notices: string[] = [];
  const scope = app.effectScope();
  const status = scope.run(() => app.notices.useNotices((text) => notices.push(text)));
  assert.ok(status !== undefined);

  app.events.missionLog.open(); // a class of the app's own: its messages carried their time in `at`
  const statuses: string[] = [];
  scope.run(() => app.status.watchStatus((line) => statuses.push(line))); // its socket kept in a ref

  const E = app.EventType;
  await until('the service to connect', () => service.isConnected());
  await serverSubscribed([E.ALTITUDE_FRAME, E.BATTERY_FRAME, E.NOTICE, E.WAYPOINT_REACHED, E.GEOFENCE_BREACH,
    E.STATUS_LINE]);
  assert.equal(service.getConnectionCount(), 1, 'one connection for the adapted endpoints');

  await publish('ALTITUDE_FRAME', { meters: 120 });
  await publish('BATTERY_FRAME', { volts: 15.2, percent: 81 });
  await publish('NOTICE', 'geofence armed');
  const before = Date.now();
  await publish('WAYPOINT_REACHED', { waypoint: 3 });
  await publish('STATUS_LINE', 'link ok');
  await until('the events', () => altitude.result === 120 && battery.result !== null && notices.length === 1 &&
    app.events.missionLog.reached.length === 1 && statuses.length === 1);
  assert.deepEqual(statuses, ['link ok']);
  const [reached] = app.events.missionLog.reached;
  assert.equal(reached?.waypoint, 3);
  // the time the server gave the event, where the handler read it (`new Date(msg.at)`)
  const at = reached?.at.getTime() ?? NaN;
  assert.ok(Math.abs(at - before) < 60_000, `the event's time ${reached?.at.toISOString()} is the server's`);
  assert.deepEqual(battery.result, { volts: 15.2, percent: 81 });
  assert.deepEqual(notices, ['geofence armed']);

  // the joystick sends: its endpoint opened through the library's own hook, as before the fix
  stick.result.move(0.5, -1);
  const stickUrl = `ws://${page.host}/ws/link/stick`;
  assert.deepEqual(opened, [stickUrl], 'only the kept endpoint reaches the library');
  assert.deepEqual(sent, [[stickUrl, { seq: 1, x: 0.5, y: -1 }]]);

  altitude.unmount();
  battery.unmount();
  stick.unmount();
  app.status.stopStatus();
  scope.stop();
  app.events.missionLog.close();
  await until('the unsubscriptions', () =>
    !service.getSubscriptions().includes(E.ALTITUDE_FRAME) && !service.getSubscriptions().includes(E.NOTICE));
});
