// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler<T = any> = (payload: T) => void;

export interface Transport {
  on<T = unknown>(type: string, fn: Handler<T>): () => void;
  send(type: string, payload?: unknown): void;
  close(): void;
}

interface Frame {
  type: string;
  payload?: unknown;
}

/** A typed-message channel over one socket: `on(type, fn)` per message type. */
export function createTransport(url: string): Transport {
  const handlers = new Map<string, Set<Handler>>();
  const outbox: string[] = [];
  const ws = new WebSocket(url);
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  ws.addEventListener('open', () => {
    outbox.splice(0).forEach((frame) => ws.send(frame));
    heartbeat = setInterval(() => ws.send(JSON.stringify({ type: 'ping' })), 20_000);
  });

  ws.addEventListener('message', (event: MessageEvent<string>) => {
    let frame: Frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (frame.type === 'pong') return;
    handlers.get(frame.type)?.forEach((fn) => fn(frame.payload));
  });

  ws.addEventListener('close', () => clearInterval(heartbeat));

  return {
    on(type, fn) {
      if (!handlers.has(type)) handlers.set(type, new Set());
      handlers.get(type)!.add(fn);
      return () => handlers.get(type)?.delete(fn);
    },
    send(type, payload) {
      const frame = JSON.stringify({ type, payload });
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      else outbox.push(frame);
    },
    close() {
      clearInterval(heartbeat);
      ws.close();
    },
  };
}
