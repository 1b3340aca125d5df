/**
 * react-use-websocket for tests/test_adapter_e2e.py: its `ReadyState` values, and a hook that
 * opens nothing and records each URL it is asked to open and each message sent through it.
 * An adapted app calls it only for an endpoint that keeps its own socket (`keep_socket: true`):
 * `useLegacyWebSocket` calls it with a null URL for every other endpoint, and a wrapper that
 * keeps no endpoint does not call it at all.
 */

export enum ReadyState {
  UNINSTANTIATED = -1,
  CONNECTING = 0,
  OPEN = 1,
  CLOSING = 2,
  CLOSED = 3,
}

/** The URLs the library's own hook was asked to open, and what was sent on each. */
export const opened: string[] = [];
export const sent: Array<[string, unknown]> = [];

export default function useWebSocket(url: string | null) {
  if (url !== null && !opened.includes(url)) opened.push(url);
  return {
    readyState: url === null ? ReadyState.UNINSTANTIATED : ReadyState.OPEN,
    lastMessage: null,
    lastJsonMessage: null,
    sendMessage: (message: string) => {
      if (url !== null) sent.push([url, message]);
    },
    sendJsonMessage: (message: unknown) => {
      if (url !== null) sent.push([url, message]);
    },
    getWebSocket: () => null,
  };
}
