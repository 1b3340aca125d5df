import { socketUrl } from "../util/socket-url";
import { PanelEvent } from "./feed-events";

export interface FeedFrame {
  event: string;
  data: unknown;
}

type Listener = (data: any) => void;

/** One socket for the whole panel; modules register per frame name with `on`. */
class GreenhouseFeed {
  private ws: WebSocket | null = null;
  private readonly url = socketUrl("greenhouse");
  private listeners = new Map<string, Set<Listener>>();
  private retry: number | undefined;
  private heartbeat: number | undefined;

  connect(): void {
    if (this.ws) return;
    this.ws = new WebSocket(this.url);
    this.ws.onopen = () => {
      this.heartbeat = window.setInterval(() => this.send({ event: PanelEvent.PING }), 20_000);
    };
    this.ws.onmessage = (ev) => {
      let frame: FeedFrame;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      this.deliver(frame);
    };
    this.ws.onclose = () => {
      window.clearInterval(this.heartbeat);
      this.ws = null;
      this.retry = window.setTimeout(() => this.connect(), 3000);
    };
  }

  private deliver(frame: FeedFrame): void {
    this.listeners.get(frame.event)?.forEach((listener) => listener(frame.data));
  }

  on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set?.delete(listener);
    };
  }

  send(frame: { event: string; data?: unknown }): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame));
    }
  }

  close(): void {
    window.clearTimeout(this.retry);
    this.ws?.close();
  }
}

export const greenhouseFeed = new GreenhouseFeed();
