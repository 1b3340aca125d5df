export interface Sample {
  cpu: number;
  mem: number;
}

/** The host's last metrics sample; its messages are flat: `{type: 'sample', cpu, mem}`. */
export class MetricsFeed {
  last: Sample | null = null;
  private socket: WebSocket | null = null;

  start(): void {
    const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws/metrics`);
    socket.onmessage = (event: MessageEvent<string>) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'sample') this.last = { cpu: msg.cpu, mem: msg.mem };
    };
    this.socket = socket;
  }

  stop(): void {
    this.socket?.close();
    this.socket = null;
  }
}

export const hostMetrics = new MetricsFeed();
