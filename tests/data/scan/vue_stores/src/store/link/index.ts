import { Module } from 'vuex'
import { LinkState, RootState } from '@/store/types'
import { actions } from '@/store/link/actions'

export const link: Module<LinkState, RootState> = {
    namespaced: true,
    state: () => ({ connected: false, connecting: false, lastBeat: 0, valves: {} }),
    actions,
    mutations: {
        setConnecting(state) {
            state.connecting = true
        },
        setConnected(state, on: boolean) {
            state.connected = on
            state.connecting = false
        },
        beat(state, at: number) {
            state.lastBeat = at
        },
        setValve(state, valve: { id: string; open: boolean }) {
            state.valves = { ...state.valves, [valve.id]: valve.open }
        },
    },
}
