import { channelSocketUrl, shortUrl } from "./urls";

const retryDelays = [1000, 5000, 15000, 60000];

class Subscription {
  constructor(id, server, channel, token, since, onMessage, onState) {
    this.id = id;
    this.server = server;
    this.channel = channel;
    this.token = token;
    this.since = since;
    this.onMessage = onMessage;
    this.onState = onState;
    this.attempt = 0;
    this.label = shortUrl(`${server}/${channel}`);
  }

  open() {
    const url = this.socketUrl();
    console.log(`[Subscription ${this.label}] opening ${url}`);
    this.socket = new WebSocket(url);
    this.socket.onopen = () => {
      this.attempt = 0;
      this.onState(this.id, "connected");
    };
    this.socket.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.event === "open" || data.event === "keepalive") {
        return;
      }
      if (data.event === "message") {
        this.since = data.id;
        this.onMessage(this.id, data);
      }
    };
    this.socket.onclose = () => {
      const delay = retryDelays[Math.min(this.attempt, retryDelays.length - 1)];
      this.attempt += 1;
      this.onState(this.id, "connecting");
      this.retry = setTimeout(() => this.open(), delay);
    };
  }

  close() {
    clearTimeout(this.retry);
    this.socket?.close();
  }

  socketUrl() {
    const params = [];
    if (this.since) {
      params.push(`since=${this.since}`);
    }
    if (this.token) {
      params.push(`auth=${encodeURIComponent(this.token)}`);
    }
    const url = channelSocketUrl(this.server, this.channel);
    return params.length === 0 ? url : `${url}?${params.join("&")}`;
  }
}

export default Subscription;
