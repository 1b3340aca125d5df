// One feed, opened with a subprotocol when the server offered one: the two arms of the `if`
// open the same socket, so it is one connection.
export default class LiveFeed {
  constructor(protocol = null) {
    this.protocol = protocol;
    this.socket = null;
    this.last = null;
  }

  connect() {
    let socket;
    if (this.protocol) {
      socket = new WebSocket(`wss://${location.host}/api/feed`, this.protocol);
    } else {
      socket = new WebSocket(`wss://${location.host}/api/feed`);
    }
    socket.onmessage = (e) => {
      try {
        const msg = JSON.parse(e.data);
        if (msg.kind === 'sample') this.last = msg.value;
      } catch (err) {
        console.warn('bad frame', err);
      }
    };
    this.socket = socket;
  }

  // noise: a second feed of another path from the same function is its own connection
  connectAudit() {
    let socket = new WebSocket(`wss://${location.host}/api/audit`);
    socket.onmessage = (e) => console.debug(e.data);
    return () => socket.close();
  }
}
