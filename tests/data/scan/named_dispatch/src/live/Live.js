// A class whose handler calls the method named after the frame's type.
export class Live {
  constructor(path) {
    this.path = path;
    this.ws = null;
    this.count = 0;
  }

  connect() {
    this.ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/live`);
    this.ws.onmessage = (e) => {
      const frame = JSON.parse(e.data);
      const fn = this[`on_${frame.type}`];
      if (typeof fn === 'function') fn.call(this, frame);
    };
  }

  on_tick(frame) {
    this.count += frame.n;
  }

  on_done() {
    this.ws.close();
  }

  // not an `on_` method: no type
  reset() {
    this.count = 0;
  }
}

export class Jobs {
  connect() {
    this.ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/jobs`);
    this.ws.onmessage = (e) => {
      const job = JSON.parse(e.data);
      this['handle' + job.state]?.(job);
    };
  }

  handleQueued(job) { console.debug('queued', job.id); }

  handleFailed(job) { console.warn('failed', job.id); }
}
