import { useEffect, useRef, useState } from 'react';
import { wsBase } from '../lib/urls';

export interface Quote {
  symbol: string;
  price: number;
}

type TickerHandler = (quote: Quote) => void;

/**
 * A legacy per-topic socket behind a hook. The socket is kept in a ref and closed in the
 * effect's own cleanup, through the ref: no leak at the hook, nor at its callers.
 */
export function useTicker(market: string) {
  const socketRef = useRef<WebSocket | null>(null);
  const handlers = useRef(new Map<string, TickerHandler>());
  const [live, setLive] = useState(false);

  useEffect(() => {
    const ws = new WebSocket(`${wsBase()}/ws/ticker/${market}`);
    socketRef.current = ws;
    ws.onopen = () => setLive(true);
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      handlers.current.get(msg.kind)?.(msg.quote);
    };
    ws.onclose = () => {
      setLive(false);
      setTimeout(() => socketRef.current?.close(), 0);
    };
    return () => {
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, [market]);

  const subscribe = (kind: string, fn: TickerHandler) => {
    handlers.current.set(kind, fn);
  };

  return { subscribe, live };
}
