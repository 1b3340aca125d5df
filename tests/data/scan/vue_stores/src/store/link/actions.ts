import { ActionTree } from 'vuex'
import { LinkState, RootState } from '@/store/types'

export const actions: ActionTree<LinkState, RootState> = {
    setStatus({ commit }, payload) {
        if (payload.connecting === true) commit('setConnecting')
    },

    onOpen({ commit, dispatch }) {
        commit('setConnected', true)
        dispatch('plots/load', null, { root: true })
    },

    onClose({ commit }) {
        commit('setConnected', false)
    },

    heartbeat({ commit }) {
        commit('beat', Date.now())
    },

    onFrame({ commit, dispatch }, payload) {
        switch (payload.method) {
            case 'notify_valve_changed':
                commit('setValve', payload.params[0])
                break
            case 'notify_sensor_reading':
                dispatch('plots/addReading', payload.params[0], { root: true })
                break
            case 'notify_controller_reboot':
                commit('setConnected', false)
                break
        }
    },
}
