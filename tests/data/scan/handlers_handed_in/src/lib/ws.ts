// Socket helpers shared by the realtime layer.

export function wsUrl(path: string): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}${path}`;
}

export interface WsFrame<T = unknown> {
  event: string;
  data: T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FrameHandler<T = any> = (data: T, frame: WsFrame<T>) => void;

/**
 * A long-lived socket shared by the whole app. Create one per endpoint at module level,
 * register handlers with `on(event, fn)` from anywhere and call `connect()` once at start-up.
 */
export class WsClient {
  private ws: WebSocket | null = null;
  private readonly handlers = new Map<string, Set<FrameHandler>>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly path: string, private readonly retryMs = 4000) {}

  connect(): void {
    this.stopped = false;
    this.ws = new WebSocket(wsUrl(this.path));
    this.ws.onmessage = (e: MessageEvent<string>) => {
      let frame: WsFrame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        console.warn(`${this.path}: ignoring a frame that is not JSON`);
        return;
      }
      this.handlers.get(frame.event)?.forEach((fn) => fn(frame.data, frame));
    };
    this.ws.onclose = () => {
      if (this.stopped) return;
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
    };
  }

  on(event: string, fn: FrameHandler): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(fn);
    return () => this.off(event, fn);
  }

  off(event: string, fn: FrameHandler): void {
    this.handlers.get(event)?.delete(fn);
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.ws?.close();
    this.ws = null;
  }
}
