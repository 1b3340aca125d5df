/**
 * Vue 2 mixins over django-channels' `WebSocketBridge`, after `ws-migrate fix`, run under Node
 * against a real `ws-migrate serve` (started by tests/test_adapter_e2e.py). The app is
 * tests/data/fix/adapter_bridge after `init` and `fix --write`, each component's `<script>`
 * as a module beside it: a mixin opening one bridge per channel a component lists, the
 * components mixing it in (one through another mixin that hands its bridge to a store). The
 * listening components must get the server's events over the one unified connection; the
 * answer desk, which sends, and the board, whose store sends, must go through the library's own
 * bridge as before (the fake one records it).
 *
 * Environment: see e2e-helpers.ts.
 */

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { TOKEN, page, publish, serverSubscribed, until } from './e2e-helpers';
import { bridges, opened, sent } from './fake-django-channels';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const app = require('./app') as typeof import('./app');

const service = app.websocketService;
after(() => service.disconnect());

type Vm = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Options {
  mixins?: Options[];
  data?: (this: Vm) => Vm;
  computed?: Record<string, (this: Vm) => unknown>;
  methods?: Record<string, (this: Vm, ...args: unknown[]) => unknown>;
  created?: (this: Vm) => void;
  mounted?: (this: Vm) => void;
}

/** What Vue 2 does with an options object, enough for these components: mixins first. */
function mount(component: Options, props: Vm, $store: Vm = {}): Vm {
  const chain: Options[] = [];
  const flatten = (o: Options): void => {
    for (const m of o.mixins ?? []) flatten(m);
    chain.push(o);
  };
  flatten(component);
  const vm: Vm = { ...props, $store, _uid: 7 };
  vm.$set = (o: Vm, k: string, v: unknown) => { o[k] = v; };
  vm.$delete = (o: Vm, k: string) => { delete o[k]; };
  for (const o of chain) Object.assign(vm, o.data?.call(vm) ?? {});
  for (const o of chain) {
    for (const [k, f] of Object.entries(o.methods ?? {})) vm[k] = f.bind(vm);
    for (const [k, f] of Object.entries(o.computed ?? {})) Object.defineProperty(vm, k, { get: () => f.call(vm) });
  }
  for (const o of chain) o.created?.call(vm);
  for (const o of chain) o.mounted?.call(vm);
  return vm;
}

test('listening channels go over one connection; the sending ones keep the library bridge', async () => {
  void service.connect(TOKEN);
  const store: Vm = { bridge: null, moves: [] as unknown[] };
  store.commit = (name: string, value: unknown) => {
    if (name === 'attachBridge') store.bridge = value;
    else store.moves.push(value);
  };
  const board = mount(app.roundBoard.default, { quizSlug: 'pub' }, store);
  const desk = mount(app.answerDesk.default, { quizSlug: 'pub', team: 'owls' });
  const leaders = mount(app.leaderboard.default, { quizSlug: 'pub', withAnnouncements: true });
  const timer = mount(app.timerBanner.default, { quizSlug: 'pub' });

  const E = app.EventType;
  await until('the service to connect', () => service.isConnected());
  await serverSubscribed([E.STANDINGS_MESSAGE, E.ANNOUNCEMENTS_MESSAGE, E.TIMER_MESSAGE]);
  assert.equal(service.getConnectionCount(), 1, 'one connection for the listening channels');
  // the adapted bridge's socket opened as the bridge's does: its `open` listener ran
  await until('the open', () => Object.keys(leaders.notices).length === 0);

  await publish('STANDINGS_MESSAGE', { rows: [{ team: 'owls', points: 3 }] });
  await publish('ANNOUNCEMENTS_MESSAGE', { text: 'round two' });
  await publish('TIMER_MESSAGE', { seconds: 30 });
  await until('the events', () => leaders.standings.length === 1 && leaders.announcement === 'round two' &&
    timer.left === 30);
  assert.deepEqual(leaders.standings, [{ team: 'owls', points: '3.0' }]);

  // the desk sends and the board's store sends: their channels opened through the library's bridge
  const base = `ws://${page.host}/ws/quiz/pub`;
  assert.deepEqual([...opened].sort(), [`${base}/answers/`, `${base}/board/`], 'only the kept channels reach the library');
  desk.answer = 'Paris';
  desk.submit();
  store.bridge.send({ move: 2 });
  assert.deepEqual(sent, [[`${base}/answers/`, { team: 'owls', answer: 'Paris', sender: 7 }],
    [`${base}/board/`, { move: 2 }]]);
  // and what the library's bridge receives reaches the component as before
  bridges.find((b) => b.url === `${base}/answers/`)?.receive({ verdict: 'right' });
  assert.equal(desk.marked, 'right');
  bridges.find((b) => b.url === `${base}/board/`)?.receive({ rounds: [{ id: 1, title: 'Flags' }] });
  assert.deepEqual(store.moves, [{ rounds: [{ id: 1, title: 'Flags' }] }]);
  assert.equal(board.channels[0], 'board');

  for (const vm of [leaders, timer]) for (const b of Object.values(vm.bridges) as Array<{ socket: { close(): void } }>) b.socket.close();
  await until('the unsubscriptions', () => !service.getSubscriptions().includes(E.TIMER_MESSAGE));
});
