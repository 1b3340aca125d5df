import { useCallback, useEffect, useRef, useState } from 'react';

export interface CustomWebsocketOptions<T> {
  onMessage?: (msg: T, event: MessageEvent) => void;
  reconnect?: boolean;
  reconnectDelayMs?: number;
  protocols?: string | string[];
}

// Written before we adopted react-use-websocket; kept because the notification bell depends on
// its reconnect behaviour.
export function useCustomWebsocket<T = unknown>(url: string | null, opts: CustomWebsocketOptions<T> = {}) {
  const [lastMessage, setLastMessage] = useState<T | null>(null);
  const [readyState, setReadyState] = useState<number>(WebSocket.CONNECTING);
  const socketRef = useRef<WebSocket | null>(null);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  useEffect(() => {
    if (!url) return;
    let disposed = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const connect = () => {
      const ws = new WebSocket(url, optsRef.current.protocols);
      socketRef.current = ws;
      ws.onopen = () => setReadyState(WebSocket.OPEN);
      ws.onmessage = (event) => {
        try {
          const msg = JSON.parse(event.data) as T;
          setLastMessage(msg);
          optsRef.current.onMessage?.(msg, event);
        } catch (err) {
          console.warn('useCustomWebsocket: dropped frame', err);
        }
      };
      ws.onclose = () => {
        setReadyState(WebSocket.CLOSED);
        if (!disposed && optsRef.current.reconnect) {
          retryTimer = setTimeout(connect, optsRef.current.reconnectDelayMs ?? 3000);
        }
      };
    };

    connect();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      socketRef.current?.close();
    };
  }, [url]);

  const send = useCallback((data: unknown) => {
    socketRef.current?.send(typeof data === 'string' ? data : JSON.stringify(data));
  }, []);

  return { lastMessage, readyState, send };
}
