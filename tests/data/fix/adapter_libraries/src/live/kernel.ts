import ReconnectingWebSocket from 'reconnecting-websocket';

/** The kernel's status, over a socket kept as the library's own type. */
export class KernelStatus {
  status = 'unknown';
  private inner: ReconnectingWebSocket;

  constructor() {
    this.inner = new ReconnectingWebSocket('/ws/kernel');
    this.inner.addEventListener('message', (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'status') this.status = msg.payload.state;
    });
  }
}
