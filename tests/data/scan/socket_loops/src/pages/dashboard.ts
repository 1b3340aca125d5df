import { openTopics } from '../lib/topics';

interface Health {
  type: 'health' | 'degraded';
}

export function startDashboard(admin: boolean): () => void {
  // one call, two sockets: a connection each
  const stop = openTopics(['health', 'dns'], (msg: Health) => {
    if (msg.type === 'degraded') console.warn('degraded');
  });
  // a pick at run time is one socket, to either endpoint
  const ops = new WebSocket(admin ? '/ws/ops/admin' : '/ws/ops/viewer');
  ops.onmessage = (e) => console.log(e.data);
  return () => {
    stop();
    ops.close();
  };
}
