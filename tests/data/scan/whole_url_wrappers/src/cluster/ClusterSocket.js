import { addParam } from './query';

const INSECURE = 'ws://';
const SECURE = 'wss://';
let sockId = 1;

// The URL goes through a setter that makes it absolute and secure; each open tags it with an id.
export default class ClusterSocket {
  url;
  socket = null;

  constructor(url, onFrame, autoReconnect = true) {
    this.setUrl(url);
    this.onFrame = onFrame;
    this.autoReconnect = autoReconnect;
  }

  setUrl(url) {
    if (!url.match(/wss?:\/\//)) {
      url = self.location.origin.replace(/^http/, 'ws') + url;
    }
    if (self.location.protocol === 'https:' && url.startsWith(INSECURE)) {
      url = SECURE + url.substr(INSECURE.length);
    }
    this.url = url;
  }

  connect() {
    const socket = new WebSocket(addParam(this.url, 'sockId', sockId++));
    socket.onmessage = (e) => this.onFrame(JSON.parse(e.data));
    this.socket = socket;
  }
}
