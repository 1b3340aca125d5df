import { WS_BASE } from './base';

type Listener = (data: unknown) => void;

interface HubFrame {
  board: string;
  channel: string;
  filter: string;
  action: 'OPEN' | 'CLOSE' | 'DONE';
}

/**
 * One socket for every board stream: each `subscribe` asks the server for one more stream
 * over it, and each message goes to the listeners of the stream it names.
 */
export const StreamHub = {
  socket: null as WebSocket | null,
  opening: null as Promise<WebSocket> | null,
  listeners: new Map<string, Set<Listener>>(),
  wanted: new Map<string, Omit<HubFrame, 'action'>>(),

  keyOf(board: string, channel: string, filter: string): string {
    return [board, channel, filter].join('|');
  },

  connect(): Promise<WebSocket> {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      return Promise.resolve(this.socket);
    }
    if (this.opening) {
      return this.opening;
    }
    this.opening = new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${WS_BASE}/hub`);
      socket.onopen = () => {
        this.socket = socket;
        this.opening = null;
        this.wanted.forEach((w) => socket.send(JSON.stringify({ ...w, action: 'OPEN' })));
        resolve(socket);
      };
      socket.onmessage = (event: MessageEvent<string>) => this.route(event);
      socket.onerror = () => reject(new Error('stream hub unreachable'));
      socket.onclose = () => {
        this.socket = null;
        this.opening = null;
      };
    });
    return this.opening;
  },

  route(event: MessageEvent<string>): void {
    let frame: HubFrame & { data?: unknown };
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    const key = this.keyOf(frame.board, frame.channel, frame.filter ?? '');
    if (frame.action === 'DONE') {
      this.wanted.delete(key);
      return;
    }
    this.listeners.get(key)?.forEach((listener) => listener(frame.data));
  },

  async subscribe(board: string, channel: string, filter: string, onData: Listener): Promise<() => void> {
    const key = this.keyOf(board, channel, filter);
    const set = this.listeners.get(key) ?? new Set<Listener>();
    set.add(onData);
    this.listeners.set(key, set);
    this.wanted.set(key, { board, channel, filter });

    const socket = await this.connect();
    const request: HubFrame = { board, channel, filter, action: 'OPEN' };
    socket.send(JSON.stringify(request));
    return () => this.unsubscribe(key, onData);
  },

  unsubscribe(key: string, onData: Listener): void {
    const set = this.listeners.get(key);
    set?.delete(onData);
    if (set && set.size === 0) {
      this.listeners.delete(key);
      const wanted = this.wanted.get(key);
      this.wanted.delete(key);
      if (wanted && this.socket?.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify({ ...wanted, action: 'CLOSE' }));
      }
    }
  },
};
