// The seed inventory service pushes changes on a socket of its own, next to its REST API.
export default {
    async load({ commit, state }) {
        const res = await fetch(`${state.apiUrl}/seeds`);
        commit('setSeeds', await res.json());
    },

    connect({ commit, dispatch, state }) {
        // same host and prefix as the REST API, another scheme
        const url = new URL(state.apiUrl);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        url.pathname += '/changes';
        const socket = new WebSocket(url);
        socket.onmessage = (e) => {
            let change;
            try {
                change = JSON.parse(e.data);
            } catch (err) {
                return;
            }
            switch (change.resource) {
                case 'seed':
                    commit('upsertSeed', change.payload);
                    break;
                case 'supplier':
                    commit('upsertSupplier', change.payload);
                    break;
                default:
                    dispatch('load');
            }
        };
        socket.onclose = () => commit('setLive', false);
        commit('setLive', true);
    },
};
