export class SecurityClient {
  private ws: WebSocket | null = null;

  open(token: string) {
    this.ws = new WebSocket(`wss://${location.host}/ws/security?token=${token}`);
    this.ws.onmessage = this.handleMessage.bind(this);
    this.ws.onerror = (err) => console.error('security socket', err);
    this.ws.onclose = () => {
      console.warn('security socket closed, reconnecting');
      this.open(token);
    };
  }

  private handleMessage(event: MessageEvent) {
    const msg = JSON.parse(event.data);
    if (msg.type === 'threat_detected') console.log(msg.payload);
  }
}
