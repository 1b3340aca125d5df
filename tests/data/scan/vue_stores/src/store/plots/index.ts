import { Module } from 'vuex'
import { RootState } from '@/store/types'

interface PlotState {
    zoom: number
    readings: number[]
}

// another module's `onFrame`: the chart's own frames, never a socket's
export const plots: Module<PlotState, RootState> = {
    namespaced: true,
    state: () => ({ zoom: 1, readings: [] }),
    actions: {
        load() {},
        addReading({ state }, reading: number) {
            state.readings.push(reading)
        },
        onFrame({ state }, frame) {
            if (frame.kind === 'zoom_in') state.zoom *= 2
            else if (frame.kind === 'zoom_out') state.zoom /= 2
        },
    },
}
