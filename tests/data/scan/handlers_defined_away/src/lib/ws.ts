// Small helpers for the legacy sockets. Everything here is transport-agnostic glue.

export function wsUrl(path: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${path}`;
}

/**
 * Turns a message handler into an `onmessage` listener: decodes the frame and calls
 * `handler` with the message. Frames that are not JSON are logged and dropped.
 */
export function receiveMessage<T>(handler: (message: T) => void) {
  return (event: MessageEvent<string>) => {
    let message: T;
    try {
      message = JSON.parse(event.data) as T;
    } catch (err) {
      console.warn('dropping a non-JSON frame', err);
      return;
    }
    handler(message);
  };
}

export const isOpen = (ws: WebSocket | null | undefined): ws is WebSocket =>
  !!ws && ws.readyState === WebSocket.OPEN;
