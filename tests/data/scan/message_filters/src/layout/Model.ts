import { processMessage } from "../util/processMessage";

interface IConnectOptions {
  id: string;
  type?: string;
  msgCallback?: (data: IWebSocketData) => void;
}

export class Model {
  public ws: WebSocket | undefined;

  public connect(options: IConnectOptions) {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
    const ws = new WebSocket(`${url}?id=${options.id}${options.type ? "&type=" + options.type : ""}`);
    ws.onmessage = (event) => {
      if (options.msgCallback) {
        const data = processMessage(JSON.parse(event.data));
        options.msgCallback.call(this, data);
      }
    };
    ws.onclose = () => {
      setTimeout(() => this.connect(options), 3000);
    };
    this.ws = ws;
  }

  public send(cmd: string, param: Record<string, unknown>) {
    this.ws?.send(JSON.stringify({ cmd, param }));
  }
}
