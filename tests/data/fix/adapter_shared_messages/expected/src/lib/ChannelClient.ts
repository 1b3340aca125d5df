import { openLegacySocket } from '../services/legacySocket';
type Listener = (payload: unknown) => void;

interface Frame {
  type: string;
  payload: unknown;
}

/** One socket per channel, with listeners per message type; connected once a token is known. */
export class ChannelClient {
  private ws: WebSocket | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private connected = false;

  constructor(private readonly path: string) {}

  connect(token: string): void {
    if (this.ws) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = openLegacySocket(`${scheme}://${location.host}${this.path}?token=${encodeURIComponent(token)}`);
    ws.onopen = () => {
      this.connected = true;
    };
    ws.onclose = () => {
      this.connected = false;
      this.ws = null;
    };
    ws.onmessage = (event: MessageEvent<string>) => {
      const frame = JSON.parse(event.data) as Frame;
      this.listeners.get(frame.type)?.forEach((listener) => listener(frame.payload));
    };
    this.ws = ws;
  }

  on(type: string, listener: Listener): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
    return () => set?.delete(listener);
  }

  isConnected(): boolean {
    return this.connected;
  }

  disconnect(): void {
    this.ws?.close();
    this.ws = null;
  }
}

export const systemChannel = new ChannelClient('/ws/system');
export const dnsChannel = new ChannelClient('/ws/dns');
export const healthChannel = new ChannelClient('/ws/health');
