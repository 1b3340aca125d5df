export interface FeedOptions {
  open: () => WebSocket;
  label: string;
}

type Sample = { kind: 'cpu' | 'memory' | 'disk'; host: string; value: number };

export class Feed {
  private readonly open: () => WebSocket;
  private socket: WebSocket | null = null;
  readonly cpu = new Map<string, number>();
  readonly memory = new Map<string, number>();

  constructor(options: FeedOptions) {
    this.open = options.open;
  }

  connect(): void {
    const ws = this.open();
    ws.addEventListener('message', (event: MessageEvent<string>) => this.route(JSON.parse(event.data)));
    this.socket = ws;
  }

  disconnect(): void {
    this.socket?.close();
    this.socket = null;
  }

  private route(sample: Sample): void {
    if (sample.kind === 'cpu') {
      this.cpu.set(sample.host, sample.value);
    } else if (sample.kind === 'memory') {
      this.memory.set(sample.host, sample.value);
    }
  }
}
