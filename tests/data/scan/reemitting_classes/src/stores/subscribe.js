import Socket, { EVENT_CONNECTED, EVENT_MESSAGE } from '../net/Socket';

// the store's subscription socket: resource changes and pings, by `name`
export function startSubscriptions(store) {
  const socket = new Socket('/v1/subscribe');

  socket.addEventListener(EVENT_CONNECTED, () => store.commit('online', true));
  socket.addEventListener(EVENT_MESSAGE, (e) => {
    const msg = JSON.parse(e.detail.data);
    switch (msg.name) {
      case 'resource.change':
        store.commit('changed', msg.data);
        break;
      case 'resource.remove':
        store.commit('removed', msg.data);
        break;
      case 'ping':
        store.commit('pinged', Date.now());
        break;
      default:
        break;
    }
  });
  socket.connect();
  return socket;
}
