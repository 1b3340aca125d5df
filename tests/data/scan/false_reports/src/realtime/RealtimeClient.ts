// The team's own multiplexed client, written before ws-migrate: one socket, subscriptions by
// event type. It is not a legacy per-topic socket and must not be reported as one.
type Listener = (data: unknown) => void;

interface Frame {
  type: string;
  data: unknown;
}

export class RealtimeClient {
  private ws: WebSocket | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly wanted = new Set<string>();

  connect(token: string): void {
    this.ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
    this.ws.onopen = () => {
      this.ws?.send(JSON.stringify({ type: 'auth', token }));
      if (this.wanted.size) this.subscribe([...this.wanted]);
    };
    this.ws.onmessage = (event: MessageEvent<string>) => {
      const frame = JSON.parse(event.data) as Frame;
      this.listeners.get(frame.type)?.forEach((fn) => fn(frame.data));
    };
  }

  subscribe(eventTypes: string[]): void {
    eventTypes.forEach((t) => this.wanted.add(t));
    this.ws?.send(JSON.stringify({ type: 'subscribe', events: eventTypes }));
  }

  on(eventType: string, fn: Listener): () => void {
    const set = this.listeners.get(eventType) ?? new Set<Listener>();
    set.add(fn);
    this.listeners.set(eventType, set);
    return () => set.delete(fn);
  }
}

export const realtime = new RealtimeClient();
