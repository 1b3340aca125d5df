/**
 * Just enough of React's hooks (`useState`, `useEffect`, `useRef`, `useCallback`, `useMemo`) to
 * run the generated `useWebSocketEvents`, and the app hooks `fix` adapts, under Node, without
 * React or a DOM; `createElement` gives elements as plain data, so a component renders to a
 * tree a test can read (`renderHook(EventMonitor, props)`). tests/test_init.py and tests/test_adapter_e2e.py install the compiled file as
 * the `react` module of the test build.
 *
 * Semantics kept: state is per hook call order, a state update re-renders (after the current
 * render's effects have run), effects run after render when their dependencies changed (by
 * `Object.is`), the previous cleanup runs first, and unmount runs every cleanup.
 */

type Cleanup = void | (() => void);

interface StateSlot {
  kind: 'state';
  value: unknown;
}

interface MemoSlot {
  kind: 'memo';
  value: unknown;
  deps: readonly unknown[] | undefined;
}

interface EffectSlot {
  kind: 'effect';
  deps: readonly unknown[] | undefined;
  cleanup: (() => void) | undefined;
}

let current: HookHost<unknown, unknown> | null = null;

class HookHost<P, R> {
  readonly slots: Array<StateSlot | EffectSlot | MemoSlot> = [];
  index = 0;
  effects: Array<() => void> = [];
  dirty = false;
  busy = false;
  mounted = true;
  renders = 0;
  result!: R;

  constructor(
    private readonly hook: (props: P) => R,
    public props: P,
  ) {
    this.render();
  }

  render(): void {
    this.busy = true;
    try {
      for (let pass = 0; pass < 50; pass++) {
        this.dirty = false;
        this.index = 0;
        this.effects = [];
        current = this as HookHost<unknown, unknown>;
        try {
          this.result = this.hook(this.props);
        } finally {
          current = null;
        }
        this.renders++;
        for (const effect of this.effects) effect();
        if (!this.dirty) return;
      }
      throw new Error('too many re-renders');
    } finally {
      this.busy = false;
    }
  }

  update(): void {
    if (!this.mounted) return;
    if (this.busy) this.dirty = true;
    else this.render();
  }

  unmount(): void {
    this.mounted = false;
    for (const slot of this.slots) {
      if (slot.kind === 'effect') slot.cleanup?.();
    }
  }
}

function host(): HookHost<unknown, unknown> {
  if (current === null) throw new Error('hooks can only be called while rendering');
  return current;
}

export function useState<T>(initial: T | (() => T)): [T, (next: T | ((previous: T) => T)) => void] {
  const owner = host();
  const index = owner.index++;
  if (owner.slots.length <= index) {
    const value = typeof initial === 'function' ? (initial as () => T)() : initial;
    owner.slots.push({ kind: 'state', value });
  }
  const slot = owner.slots[index] as StateSlot;
  const set = (next: T | ((previous: T) => T)): void => {
    const value = typeof next === 'function' ? (next as (previous: T) => T)(slot.value as T) : next;
    if (Object.is(value, slot.value)) return;
    slot.value = value;
    owner.update();
  };
  return [slot.value as T, set];
}

export function useEffect(effect: () => Cleanup, deps?: readonly unknown[]): void {
  const owner = host();
  const index = owner.index++;
  if (owner.slots.length <= index)
    owner.slots.push({ kind: 'effect', deps: undefined, cleanup: undefined });
  const slot = owner.slots[index] as EffectSlot;
  if (!changedDeps(slot.deps, deps)) return;
  slot.deps = deps;
  owner.effects.push(() => {
    slot.cleanup?.();
    slot.cleanup = effect() ?? undefined;
  });
}

function changedDeps(before: readonly unknown[] | undefined, deps: readonly unknown[] | undefined): boolean {
  return (
    before === undefined ||
    deps === undefined ||
    deps.length !== before.length ||
    deps.some((dep, i) => !Object.is(dep, before[i]))
  );
}

export function useMemo<T>(make: () => T, deps?: readonly unknown[]): T {
  const owner = host();
  const index = owner.index++;
  if (owner.slots.length <= index) {
    owner.slots.push({ kind: 'memo', value: make(), deps });
  } else {
    const slot = owner.slots[index] as MemoSlot;
    if (changedDeps(slot.deps, deps)) {
      slot.value = make();
      slot.deps = deps;
    }
  }
  return (owner.slots[index] as MemoSlot).value as T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useCallback<T extends (...args: any[]) => unknown>(fn: T, deps?: readonly unknown[]): T {
  return useMemo(() => fn, deps);
}

export function useRef<T>(initial: T): { current: T } {
  return useMemo(() => ({ current: initial }), []);
}

/** Mounts `hook` with `props`; `rerender` passes new props, `unmount` runs the cleanups. */
export function renderHook<P, R>(hook: (props: P) => R, props: P) {
  const owner = new HookHost(hook, props);
  return {
    get result(): R {
      return owner.result;
    },
    get renders(): number {
      return owner.renders;
    },
    rerender(next: P): void {
      owner.props = next;
      owner.render();
    },
    unmount(): void {
      owner.unmount();
    },
  };
}

/** What `createElement` makes here: the element as plain data, for tests to read. */
export interface FakeElement {
  type: unknown;
  props: Record<string, unknown>;
  children: unknown[];
}

export function createElement(
  type: unknown,
  props: Record<string, unknown> | null,
  ...children: unknown[]
): FakeElement {
  return { type, props: props ?? {}, children };
}
