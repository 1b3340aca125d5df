type Handler = (payload: unknown) => void;

export class TopicClient {
  private ws: WebSocket | null = null;
  private handlers = new Map<string, Handler>();

  constructor(private readonly path: string) {}

  connect(): void {
    this.ws = new WebSocket(this.path);
    this.ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      this.handlers.get(msg.type)?.(msg.payload);
    };
  }

  on(type: string, fn: Handler): void {
    this.handlers.set(type, fn);
  }

  close(): void {
    this.ws?.close();
  }
}

class SocketManager {
  private socket?: WebSocket;
  connect(endpoint: string) {
    const base = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
    this.socket = new WebSocket(base + endpoint);
    return this;
  }
}

export const socketManager = new SocketManager();
