type Update = { kind: 'update' | 'heartbeat'; key: string; value: unknown };

// handed the URL and the function that opens a socket on it (tests pass a fake)
export class StreamClient {
  private readonly socket: WebSocket;
  private readonly listeners: Array<(u: Update) => void> = [];

  constructor(url: string, open: (url: string) => WebSocket) {
    this.socket = open(url);
    this.socket.onmessage = (event: MessageEvent<string>) => {
      const u = JSON.parse(event.data) as Update;
      if (u.kind === 'update') {
        this.listeners.forEach((fn) => fn(u));
      }
    };
  }

  listen(fn: (u: Update) => void): void {
    this.listeners.push(fn);
  }
}
