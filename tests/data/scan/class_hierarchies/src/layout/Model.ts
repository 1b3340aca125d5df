export interface IWsMessage {
  cmd: string;
  code: number;
  data: unknown;
}

interface IConnectOptions {
  id: string;
  type?: string;
  msgCallback?: (data: IWsMessage) => void;
}

/** A panel's model: each panel subclass connects with its own id and handles its own commands. */
export class Model {
  public ws: WebSocket | null = null;

  public connect(options: IConnectOptions): void {
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    const ws = new WebSocket(`${base}?id=${options.id}${options.type ? `&type=${options.type}` : ''}`);
    ws.onmessage = (event) => {
      const data: IWsMessage = JSON.parse(event.data);
      if (data.cmd === 'statusbar') {
        document.title = String(data.data);  // every panel shows the status line
      }
      if (options.msgCallback) {
        options.msgCallback.call(this, data);  // (called with the model as `this`)
      }
    };
    ws.onclose = () => setTimeout(() => this.connect(options), 3000);
    this.ws = ws;
  }
}
