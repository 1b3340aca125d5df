import {
    SOCKET_ONOPEN,
    SOCKET_ONCLOSE,
    SOCKET_ONERROR,
    SOCKET_ONMESSAGE,
    SOCKET_RECONNECT,
    SOCKET_RECONNECT_ERROR,
} from './mutation-types';

const state = {
    open: false,
    last: null,
    notes: [],
};

const mutations = {
    [SOCKET_ONOPEN](state) {
        state.open = true;
    },
    [SOCKET_ONCLOSE](state) {
        state.open = false;
    },
    [SOCKET_ONERROR](state, event) {
        console.error('feed error', event);
    },
    // every feed message, parsed (the plugin's `format: 'json'`)
    [SOCKET_ONMESSAGE](state, message) {
        state.last = message;
        if (message.event === 'grower_note') {
            state.notes.push(message.data);
        }
    },
    [SOCKET_RECONNECT](state, count) {
        console.info('reconnecting', count);
    },
    [SOCKET_RECONNECT_ERROR](state) {
        state.open = false;
    },
};

export default { state, mutations };
