import { DocSession, type Reply } from './session';
import { socketOrigin } from './urls';

// fields declared nullable and set later; the handler reaches them through `!` and a null check
export class DocConnection {
  private socket: WebSocket | null = null;
  private session: DocSession | null = null;

  constructor(private readonly docId: string) {}

  connect(): void {
    this.socket = new WebSocket(`${socketOrigin()}/ws/docs`);
    this.socket!.onopen = () => {
      this.session = new DocSession(this.docId);
    };
    this.socket!.onmessage = (event: MessageEvent<string>) => {
      const reply = JSON.parse(event.data) as Reply;
      if (this.session != null) {
        this.session.handle(reply);
      }
    };
  }

  close(): void {
    this.socket?.close();
  }
}
