import { events } from "../lib/events";

interface AlertFrame {
  topic: string;
  body: unknown;
}

let socket: WebSocket | null = null;

export function openAlerts(token: string): void {
  socket = new WebSocket(`/ws/alerts?token=${encodeURIComponent(token)}`);
  socket.onmessage = (ev) => {
    let frame: AlertFrame;
    try {
      frame = JSON.parse(ev.data);
    } catch {
      return;
    }
    // every frame goes out on the bus under its topic
    events.emit(frame.topic as keyof typeof events.all, frame.body as never);
  };
}

export function closeAlerts(): void {
  socket?.close();
}
