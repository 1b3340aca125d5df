type AlertHandler = (text: string) => void;

/** Opens its socket as soon as it is made: the socket is a field's initial value. */
export class AlertStream {
  private readonly handlers = new Map<string, AlertHandler>();
  private readonly socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/alerts`);

  constructor() {
    this.socket.onmessage = (e: MessageEvent<string>) => {
      try {
        const alert = JSON.parse(e.data) as { level: string; text: string };
        this.handlers.get(alert.level)?.(alert.text);
      } catch {
        // not JSON: dropped
      }
    };
  }

  on(level: string, handler: AlertHandler): void {
    this.handlers.set(level, handler);
  }

  close(): void {
    this.socket.close();
  }
}

export const alerts = new AlertStream();
