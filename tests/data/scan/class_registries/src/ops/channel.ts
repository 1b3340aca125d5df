type OpHandler = (data: unknown) => void;

interface OpFrame {
  op: string;
  data?: unknown;
}

/** One socket per deployment channel; pages subscribe to the operations they show. */
export class OpsChannel {
  private subs: Record<string, OpHandler[]> = {};
  private socket: WebSocket | null = null;

  constructor(private readonly path: string) {}

  open(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new WebSocket(`${scheme}://${location.host}${this.path}`);
    this.socket.onmessage = (e: MessageEvent<string>) => {
      let frame: OpFrame;
      try {
        frame = JSON.parse(e.data) as OpFrame;
      } catch {
        return;
      }
      (this.subs[frame.op] || []).forEach((h) => h(frame.data));
    };
  }

  on(op: string, handler: OpHandler): void {
    (this.subs[op] ||= []).push(handler);
  }
}

export const deployOps = new OpsChannel('/ws/deploys');
