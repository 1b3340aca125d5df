import ReconnectingWebSocket from 'reconnecting-websocket';

type Listener = (job: string, percent: number) => void;

/** Job progress: the messages are flat, `{type, job, percent}`. */
export function watchJobs(listener: Listener): () => void {
  const socket = new ReconnectingWebSocket('/ws/jobs');
  socket.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    switch (msg.type) {
      case 'progress':
        listener(msg.job, msg.percent);
        break;
      case 'done':
        listener(msg.job, 100);
        break;
    }
  };
  return () => socket.close();
}
