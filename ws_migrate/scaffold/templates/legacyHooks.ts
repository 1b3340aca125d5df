/**
 * react-use-websocket's hook, kept for the code that still calls it, over the unified service.
 *
 *   const { lastJsonMessage, readyState } = useLegacyWebSocket(`/ws/metrics/${id}`, {   // was
 *     onMessage: (event) => { … },                                     // `useWebSocket(…)`
 *     shouldReconnect: () => true,
 *   });
 *
 * `useLegacyWebSocket(url, options, connect)` takes what `useWebSocket` takes and returns what it
 * returns (`lastMessage`, `lastJsonMessage`, `readyState`, `getWebSocket`, `sendMessage`,
 * `sendJsonMessage`), and opens no socket of its own: the socket is the legacy socket of
 * `legacySocket.ts`, which subscribes to the EventTypes the rules map the URL's endpoint to.
 * With `shouldReconnect` it stays subscribed through a lost connection and opens again when the
 * service is back; without, it closes, as the library's did. `onMessage` runs before `filter`,
 * and `filter` decides what becomes `lastMessage`, as in the library; `share`, `heartbeat` and
 * the reconnect timings mean nothing over the service (it has one connection and its own
 * reconnect) and are ignored.
 *
 * An endpoint that keeps its own socket (`keep_socket: true`: its code sends requests) needs the
 * library's hook, which `fix` hands in as the last argument (`useLegacyWebSocket(url, options,
 * undefined, useWebSocket)`): for such a URL the library's hook runs as before, with every
 * option, and its result is returned; for any other it is called with a null URL (no socket).
 */

import { useCallback, useEffect, useRef, useState } from 'react';

import { keepsOwnSocket, openLegacySocket, openReconnectingLegacySocket } from '{{legacy_module}}';

/** react-use-websocket's `ReadyState` values (its own enum keeps working against these). */
export const LegacyReadyState = {
  UNINSTANTIATED: -1,
  CONNECTING: 0,
  OPEN: 1,
  CLOSING: 2,
  CLOSED: 3,
} as const;

/** The options of react-use-websocket that mean something over the service; others pass. */
export interface LegacyWebSocketOptions {
  onOpen?: (event: WebSocketEventMap['open']) => void;
  onClose?: (event: WebSocketEventMap['close']) => void;
  onMessage?: (event: WebSocketEventMap['message']) => void;
  onError?: (event: WebSocketEventMap['error']) => void;
  filter?: (message: WebSocketEventMap['message']) => boolean;
  shouldReconnect?: (event: WebSocketEventMap['close']) => boolean;
  queryParams?: Record<string, string | number>;
  readonly [option: string]: unknown;
}

/** What `useWebSocket` returns. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface LegacyWebSocketHook<T = any> {
  sendMessage: (message: string, keep?: boolean) => void;
  sendJsonMessage: (message: unknown, keep?: boolean) => void;
  lastMessage: MessageEvent | null;
  lastJsonMessage: T;
  readyState: number;
  getWebSocket: () => WebSocket | null;
}

type UrlArgument = string | (() => string | Promise<string>) | null;

/** The library's own hook, for the endpoints that keep their socket. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OwnSocketHook = (url: string | null, options: any, connect: boolean) => unknown;

function withQuery(url: string, query: Record<string, string | number> | undefined): string {
  if (query === undefined) return url;
  const params = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  if (params.length === 0) return url;
  return url + (url.includes('?') ? '&' : '?') + params.join('&');
}

/** `useWebSocket(url, options, connect)` of a legacy endpoint, as `ws-migrate fix` rewrites it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useLegacyWebSocket<T = any>(
  url: UrlArgument,
  options: LegacyWebSocketOptions = {},
  connect = true,
  ownSocket?: OwnSocketHook,
): LegacyWebSocketHook<T> {
  // an endpoint that keeps its own socket: the library's hook opens it (called on every render
  // when handed in, with a null URL for the others, as hooks must be)
  const keeps = ownSocket !== undefined && typeof url === 'string' && keepsOwnSocket(url);
  const own = ownSocket?.(keeps ? url : null, options, connect);
  const [lastMessage, setLastMessage] = useState<MessageEvent | null>(null);
  const [lastJsonMessage, setLastJsonMessage] = useState<T>(null as T);
  const [readyState, setReadyState] = useState<number>(LegacyReadyState.UNINSTANTIATED);
  const socketRef = useRef<WebSocket | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options; // the latest callbacks, as the library keeps them
  const reconnects = options.shouldReconnect !== undefined;
  const query = options.queryParams === undefined ? '' : JSON.stringify(options.queryParams);

  useEffect(() => {
    if (url === null || !connect || keeps) {
      setReadyState(LegacyReadyState.UNINSTANTIATED);
      return undefined;
    }
    let socket: WebSocket | null = null;
    let gone = false;
    const open = (resolved: string): void => {
      if (gone) return;
      const target = withQuery(resolved, optionsRef.current.queryParams);
      socket = reconnects ? openReconnectingLegacySocket(target) : openLegacySocket(target);
      socketRef.current = socket;
      setReadyState(LegacyReadyState.CONNECTING);
      socket.addEventListener('open', (event) => {
        setReadyState(LegacyReadyState.OPEN);
        optionsRef.current.onOpen?.(event);
      });
      socket.addEventListener('message', (event) => {
        const current = optionsRef.current;
        current.onMessage?.(event);
        if (current.filter !== undefined && current.filter(event) !== true) return;
        setLastMessage(event);
        try {
          setLastJsonMessage(JSON.parse(String(event.data)) as T);
        } catch {
          // not JSON: lastJsonMessage keeps its value, as in the library
        }
      });
      socket.addEventListener('error', (event) => optionsRef.current.onError?.(event));
      socket.addEventListener('close', (event) => {
        setReadyState(reconnects && !gone ? LegacyReadyState.CONNECTING : LegacyReadyState.CLOSED);
        optionsRef.current.onClose?.(event);
      });
    };
    if (typeof url === 'string') open(url);
    else void Promise.resolve(url()).then(open, () => setReadyState(LegacyReadyState.CLOSED));
    return () => {
      gone = true;
      socket?.close();
      socketRef.current = null;
    };
  }, [url, connect, reconnects, query, keeps]);

  const sendMessage = useCallback((message: string): void => {
    socketRef.current?.send(message);
  }, []);
  const sendJsonMessage = useCallback((message: unknown): void => {
    socketRef.current?.send(JSON.stringify(message));
  }, []);
  const getWebSocket = useCallback((): WebSocket | null => socketRef.current, []);

  if (keeps && own !== undefined) return own as LegacyWebSocketHook<T>;
  return { sendMessage, sendJsonMessage, lastMessage, lastJsonMessage, readyState, getWebSocket };
}
