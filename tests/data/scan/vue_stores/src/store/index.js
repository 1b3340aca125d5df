import Vue from 'vue';
import Vuex, { Store } from 'vuex';
import VueNativeSock from 'vue-native-websocket';
import { link } from './link';
import { plots } from './plots';
import harvest from './harvest';
import feed from './feed';
import {
    ALARM_RECEIVED,
    SOCKET_ONOPEN,
    SOCKET_ONCLOSE,
    SOCKET_ONERROR,
    SOCKET_ONMESSAGE,
    SOCKET_RECONNECT,
    SOCKET_RECONNECT_ERROR,
} from './mutation-types';

Vue.use(Vuex);

const store = new Store({
    modules: { link, plots, harvest, feed },
    state: { version: '2.4.0', alarms: [] },
    mutations: {
        [ALARM_RECEIVED](state, alarm) {
            switch (alarm.kind) {
                case 'frost_warning':
                case 'overheat':
                    state.alarms.unshift(alarm);
                    break;
                default:
                    break;
            }
        },
    },
});

// sees every event of the feed socket before the store does
function passToStoreHandler(eventName, event, next) {
    if (eventName.toUpperCase() === 'SOCKET_ONMESSAGE') {
        const text = event.data;
        const message = JSON.parse(text);
        const { event, data } = message;
        if (event === 'harvest_logged') {
            this.store.dispatch('harvest/add', data);
        } else if (event === 'crop_moved') {
            this.store.dispatch('plots/load');
        }
    }
    next(eventName, event);
}

const feedUrl = (() => {
    const { protocol, host } = window.location;
    const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
    const feedPath = '/feed/ws';
    return `${scheme}//${host}${feedPath}`;
})();

Vue.use(VueNativeSock, feedUrl, {
    store,
    format: 'json',
    reconnection: true,
    reconnectionDelay: 3000,
    passToStoreHandler,
    mutations: {
        SOCKET_ONOPEN,
        SOCKET_ONCLOSE,
        SOCKET_ONERROR,
        SOCKET_ONMESSAGE,
        SOCKET_RECONNECT,
        SOCKET_RECONNECT_ERROR,
    },
});

export default store;
