const WS_BASE = 'wss://' + location.host;
export class Api {
  constructor(private base: string) {}
  open(path: string) {
    const ws = new WebSocket(this.base + path);
    ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'zone_updated') console.log(m); };
    return ws;
  }
}
export const api = new Api(WS_BASE);
