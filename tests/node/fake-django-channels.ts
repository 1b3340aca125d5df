/**
 * django-channels for tests/test_adapter_e2e.py: a `WebSocketBridge` that opens nothing and
 * records each URL it connects to and each message sent through it; `receive(message)` hands
 * it a message as the server would, parsed as the bridge hands it (`event.data`). An adapted app
 * creates one only for an endpoint that keeps its own socket (`keep_socket: true`):
 * `openLegacyBridge(options, WebSocketBridge)` takes every other endpoint over the service.
 */

/** The URLs the library's bridges were connected to, what was sent on each, and the bridges. */
export const opened: string[] = [];
export const sent: Array<[string, unknown]> = [];
export const bridges: WebSocketBridge[] = [];

export class WebSocketBridge extends EventTarget {
  socket: EventTarget | null = null;
  url = '';

  constructor(_options?: Record<string, unknown>) {
    super();
    bridges.push(this);
  }

  connect(url?: string, _protocols?: string | string[], _options?: Record<string, unknown>): void {
    this.url = url ?? '';
    opened.push(this.url);
    const socket = new EventTarget();
    this.socket = socket;
    queueMicrotask(() => {
      socket.dispatchEvent(new Event('open'));
      this.dispatchEvent(new Event('open'));
    });
  }

  send(message: unknown): void {
    sent.push([this.url, message]);
  }

  demultiplex(_stream: string, _listener: (event: MessageEvent) => void): void {}

  stream(name: string): { send(action: unknown): void } {
    return { send: (action) => sent.push([this.url, { stream: name, payload: action }]) };
  }

  /** A message from the server, as the bridge hands it on: parsed, in `event.data`. */
  receive(message: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
}
