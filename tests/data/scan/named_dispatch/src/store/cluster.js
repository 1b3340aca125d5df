// A Vuex module whose socket hands each message to the action named after it.
const wsUrl = (path) => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;

export default {
  namespaced: true,
  state: () => ({ resources: {}, lastPing: 0, socket: null }),

  actions: {
    subscribe({ state, dispatch }) {
      const socket = new WebSocket(wsUrl('/v1/subscribe'));
      socket.onmessage = (event) => {
        const msg = JSON.parse(event.data);
        if (msg.name) {
          dispatch(`ws.${msg.name}`, msg);
        }
      };
      state.socket = socket;
    },

    'ws.ping'({ state }, msg) {
      state.lastPing = msg.data;
    },

    'ws.resource.change'({ commit }, msg) {
      commit('upsert', msg.data);
    },

    async 'ws.resource.remove'({ commit }, msg) {
      commit('remove', msg.data.id);
    },

    // noise: an action of another prefix, and a dispatch built from no message
    refresh({ dispatch }, kind) {
      return dispatch(`load.${kind}`);
    },

    'load.all'() {
      return fetch('/v1/resources').then((r) => r.json());
    },
  },

  mutations: {
    upsert(state, r) { state.resources[r.id] = r; },
    remove(state, id) { delete state.resources[id]; },
  },
};
