import Notifier from '~/lib/Notifier';

const RETRY_MS = 2500;

/**
 * Keeps one socket open while started. It does not know the URL: it is handed the function
 * that opens the socket, and calls it again after each drop.
 */
export default class LiveSocket extends Notifier {
  constructor(create, retryMs = RETRY_MS) {
    super();
    this.create = create;
    this.retryMs = retryMs;
    this.ws = null;
    this.stopped = true;
  }

  start() {
    if (this.ws) {
      throw new Error('LiveSocket: already started');
    }
    this.stopped = false;
    this.ws = this.create();
    this.ws.onclose = () => {
      this.ws = null;
      if (!this.stopped) {
        setTimeout(() => this.start(), this.retryMs);
      }
    };
    this.ws.onmessage = ({ data }) => {
      this.notifyAll(JSON.parse(data));
    };
  }

  stop() {
    this.stopped = true;
    if (this.ws) {
      this.ws.close();
      this.ws = null;
    }
  }
}
