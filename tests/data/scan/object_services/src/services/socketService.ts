import urls from '../api/urls';

export type Handler = (message: { kind: string; [k: string]: unknown }) => void;

/** One place that knows how to open the app's sockets. */
export const socketService = {
  retries: 3,

  connect(topic: string, onMessage: Handler): WebSocket {
    const ws = new WebSocket(urls.socket(topic));
    ws.onmessage = (event) => onMessage(JSON.parse(event.data));
    ws.onerror = () => console.warn(`socket ${topic} failed`);
    return ws;
  },

  disconnect(ws: WebSocket) {
    ws.close(1000, 'bye');
  },
};
