import type { Frame } from './frames';

type Listener = (frame: Frame) => void;

const socketUrl = (path: string): string => `${location.origin.replace(/^http/, 'ws')}${path}`;

/** One socket per channel; listeners by frame type. Built to dist/ and imported by name. */
export class LiveChannel {
  private socket: WebSocket | null = null;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(private readonly path: string) {}

  open(): void {
    this.socket = new WebSocket(socketUrl(this.path));
    this.socket!.onmessage = (event: MessageEvent<string>) => {
      const frame = JSON.parse(event.data) as Frame;
      this.listeners.get(frame.type)?.forEach((fn) => fn(frame));
    };
  }

  on(type: string, fn: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }

  close(): void {
    this.socket?.close();
  }
}
