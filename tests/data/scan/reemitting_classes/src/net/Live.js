import { EventEmitter } from 'events';

// an EventEmitter that hands each parsed frame to its 'frame' listeners
export default class Live extends EventEmitter {
  constructor(path) {
    super();
    this.path = path;
  }

  connect() {
    this.ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}${this.path}`);
    this.ws.onmessage = (e) => this.emit('frame', JSON.parse(e.data));
    this.ws.onclose = () => this.emit('closed');
  }
}

export const ticker = new Live('/api/ticker');
