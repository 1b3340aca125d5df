import { Message } from "../protocol/message";

export class ClientConnection {
  private socket: WebSocket | null = null;
  private readonly pending = new Map<string, (m: Message) => void>();

  connect(): void {
    this.socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`);
    this.socket.onmessage = (event) => this.onMessage(String(event.data));
  }

  private onMessage(raw: string): void {
    const message = Message.parse<any>(raw);
    if (message.msgtype() === "ACK") {
      console.debug("server ready");
      return;
    }
    const reqid = message.reqid();
    if (reqid != null && this.pending.has(reqid)) {
      this.pending.get(reqid)!(message);
      this.pending.delete(reqid);
      return;
    }
    const msgtype = message.msgtype();
    switch (msgtype) {
      case "PATCH-DOC":
        console.log("patch", message.content);
        break;
      case "ERROR":
        console.error(message.content);
        break;
      default:
        console.warn("unexpected", msgtype);
    }
  }

  send(message: Message): void {
    this.socket?.send(message.toString());
  }
}

export const connection = new ClientConnection();
connection.connect();
