// The handler goes to a method of the instance, not to the constructor.
export default class LogSocket {
  constructor(url) {
    this.url = url;
    this.socket = null;
  }

  connect(onLine) {
    const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}${this.url}`);
    socket.onmessage = (e) => onLine(JSON.parse(e.data));
    this.socket = socket;
  }
}
