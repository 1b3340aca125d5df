// Several device gateways, each on a socket of its own, re-opened after a drop.
type Link = {
  idx: number;
  path: string;
  socket: WebSocket | undefined;
  attempts: number;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
};

type Frame = { topic: string; payload: unknown };

const RETRY_MS = 3000;

function linkUrl(path: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${path}${window.location.search}`;
}

export class DeviceLinks {
  #links: Link[] = [
    { idx: 0, path: '/gateway/ws', socket: undefined, attempts: 0, retryTimer: undefined },
  ];
  #stopped = false;
  #listeners = new Map<string, Set<(payload: unknown) => void>>();

  start(): void {
    for (const link of this.#links) {
      this.#open(link);
    }
  }

  listen(topic: string, fn: (payload: unknown) => void): () => void {
    const set = this.#listeners.get(topic) ?? new Set();
    set.add(fn);
    this.#listeners.set(topic, set);
    return () => set.delete(fn);
  }

  stop(): void {
    this.#stopped = true;
    for (const link of this.#links) {
      clearTimeout(link.retryTimer);
      link.socket?.close();
    }
  }

  #open(link: Link): void {
    if (this.#stopped || link.socket) return;
    link.socket = new WebSocket(linkUrl(link.path));
    link.socket.addEventListener('message', (e) => this.#onMessage(e));
    link.socket.addEventListener('close', () => this.#onClose(link));
  }

  #onMessage(e: MessageEvent): void {
    let frame: Frame;
    try {
      frame = JSON.parse(e.data as string) as Frame;
    } catch {
      return;
    }
    if (frame.topic === 'gateway/state' || frame.topic === 'gateway/devices') {
      this.#listeners.get(frame.topic)?.forEach((fn) => fn(frame.payload));
    }
  }

  #onClose(link: Link): void {
    link.socket = undefined;
    link.attempts++;
    this.#scheduleRetry(link);
  }

  #scheduleRetry(link: Link): void {
    if (this.#stopped) return;
    link.retryTimer = setTimeout(() => {
      link.retryTimer = undefined;
      this.#open(link);
    }, RETRY_MS);
  }
}

export const deviceLinks = new DeviceLinks();
