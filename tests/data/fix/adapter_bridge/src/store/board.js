import Vue from 'vue'
import Vuex from 'vuex'

Vue.use(Vuex)

export default new Vuex.Store({
  state: { bridge: null, rounds: [] },
  mutations: {
    attachBridge (state, bridge) {
      state.bridge = bridge
    },
    applyMoves (state, message) {
      state.rounds = message.rounds
    },
  },
  actions: {
    moveQuestion ({ state }, move) {
      state.bridge.send({ move })
    },
  },
})
