/**
 * The part of react-use-websocket an adapted app still imports (its `ReadyState` values), for
 * tests/test_adapter_e2e.py. Its hook must not run: `fix` replaced every call of it with
 * `useLegacyWebSocket`, which opens no socket of its own.
 */

export enum ReadyState {
  UNINSTANTIATED = -1,
  CONNECTING = 0,
  OPEN = 1,
  CLOSING = 2,
  CLOSED = 3,
}

export default function useWebSocket(): never {
  throw new Error("react-use-websocket's own hook ran: the adapter did not replace it");
}
