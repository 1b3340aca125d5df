import { EventTarget } from 'event-target-shim';

export const EVENT_CONNECTED = 'connected';
export const EVENT_MESSAGE = 'message';
export const EVENT_DISCONNECTED = 'disconnected';

const RETRY_MS = 5000;

/**
 * A socket that reconnects. It fires its own events: each message again as a CustomEvent
 * whose `detail` is the socket's event, so listeners parse `e.detail.data` themselves.
 */
export default class Socket extends EventTarget {
  constructor(url, autoReconnect = true) {
    super();
    this.url = url;
    this.autoReconnect = autoReconnect;
    this.socket = null;
  }

  connect() {
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${this.url}`);
    socket.onopen = () => this.dispatchEvent(new CustomEvent(EVENT_CONNECTED));
    socket.onmessage = this._onmessage.bind(this);
    socket.onclose = () => {
      this.dispatchEvent(new CustomEvent(EVENT_DISCONNECTED));
      if (this.autoReconnect) setTimeout(() => this.connect(), RETRY_MS);
    };
    this.socket = socket;
  }

  _onmessage(event) {
    this.dispatchEvent(new CustomEvent(EVENT_MESSAGE, { detail: event }));
  }

  send(frame) {
    this.socket?.send(JSON.stringify(frame));
  }
}
