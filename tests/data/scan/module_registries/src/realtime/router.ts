// A registry of message handlers kept by this module; the socket lives elsewhere.
export interface Envelope {
  event: string;
  data: unknown;
  id?: string;
}

type Handler = (data: any) => void;

const routes = new Map<string, Handler>();
const seen = new Map<string, number>();

export function onMessage(event: string, handler: Handler): () => void {
  routes.set(event, handler);
  return () => routes.delete(event);
}

export function route(msg: Envelope): void {
  const handler = routes.get(msg.event);
  if (handler) {
    handler(msg.data);
  } else {
    console.debug("no handler for", msg.event);
  }
}

// Near miss: remembers which frames arrived, keyed by their id; no dispatch.
export function remember(msg: Envelope): void {
  if (msg.id) seen.set(msg.id, Date.now());
}
