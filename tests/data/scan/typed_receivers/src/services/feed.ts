import ReconnectingWebSocket from "reconnecting-websocket";

// Given a URL provider, so a reconnect picks up a URL that changed meanwhile.
export class FeedTransport {
  private readonly socket: ReconnectingWebSocket;

  constructor(url: () => string, onTick: (n: number) => void) {
    this.socket = new ReconnectingWebSocket(url, undefined, { startClosed: true });
    this.socket.addEventListener("message", (e) => {
      const m = JSON.parse(e.data);
      if (m.op === "tick") onTick(m.n);
    });
  }

  start() {
    this.socket.reconnect();
  }
}
