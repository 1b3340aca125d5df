import ClusterSocket from './ClusterSocket';

export function watchCluster(store) {
  const socket = new ClusterSocket('/v1/subscribe', (msg) => {
    if (msg.name === 'resource.change') store.commit('changed', msg.data);
    else if (msg.name === 'resource.remove') store.commit('removed', msg.data);
  });
  socket.connect();
  return socket;
}
