import { openLegacySocket } from '../services/legacySocket';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FloorListener = (data: any) => void;

interface FloorFrame {
  type: string;
  payload: unknown;
  sentAt?: string;
}

const RETRY_MS = 2000;

/**
 * A floor channel: one socket per area of the warehouse, listeners per message type. The
 * socket goes through the adapter `ws-migrate fix` put in (`openLegacySocket`).
 */
export class FloorChannel {
  private socket: WebSocket | null = null;
  private readonly listeners = new Map<string, Set<FloorListener>>();
  private open = false;
  private token = '';

  constructor(private readonly area: string) {}

  connect(token: string): void {
    if (this.socket) return;
    this.token = token;
    const socket = openLegacySocket(`${location.origin.replace(/^http/, 'ws')}/ws/floor/${this.area}?token=${token}`);
    socket.onopen = () => {
      this.open = true;
    };
    socket.onclose = () => {
      this.open = false;
      this.socket = null;
    };
    socket.onmessage = (event: MessageEvent) => {
      const frame: FloorFrame = JSON.parse(String(event.data));
      this.listeners.get(frame.type)?.forEach((listener) => listener(frame.payload));
    };
    this.socket = socket;
  }

  on(type: string, listener: FloorListener): () => void {
    const set = this.listeners.get(type) ?? new Set<FloorListener>();
    this.listeners.set(type, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  isConnected(): boolean {
    return this.open;
  }

  /** Drop the socket and open it again later, with the token it had. */
  reconnect(): void {
    this.disconnect();
    setTimeout(() => this.connect(this.token), RETRY_MS);
  }

  disconnect(): void {
    this.socket?.close();
    this.socket = null;
  }
}

export const robotsChannel = new FloorChannel('robots');
export const alarmsChannel = new FloorChannel('alarms');
export const shiftChannel = new FloorChannel('shift');
