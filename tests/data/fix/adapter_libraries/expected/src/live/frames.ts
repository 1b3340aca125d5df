import { openLegacySocket } from '../services/legacySocket';
type Draw = (frame: string) => void;

/** Camera frames, base64 on the wire. */
export class FrameStream {
  private socket: WebSocket | null = null;

  start(draw: Draw): void {
    const socket = openLegacySocket('/ws/frames');
    socket.onmessage = (event: MessageEvent<string>) => draw(atob(event.data));
    this.socket = socket;
  }

  stop(): void {
    this.socket?.close();
    this.socket = null;
  }
}
