// a tiny store: the socket is kept in it untyped, as any
type State = { socket: any; connected: boolean; power: string; actions: any };

let state: State = { socket: null, connected: false, power: 'offline', actions: {} };
const watchers = new Set<() => void>();

state.actions = {
    setSocket: (socket: any) => set({ socket }),
    setConnected: (connected: boolean) => set({ connected }),
    setPower: (power: string) => set({ power }),
};

function set(patch: Partial<State>): void {
    state = { ...state, ...patch };
    watchers.forEach((w) => w());
}

export function useServerStore<T>(pick: (s: State) => T): T {
    return pick(state);
}
