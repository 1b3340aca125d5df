import { type ReactNode, useCallback, useEffect, useRef } from 'react';
import { FeedSendContext } from './feedContext';
import { takeFrame } from './feedStore';
import { WS_BASE } from '../live/base';

// One socket for the whole feed: the server pushes every topic on it; the page never asks it
// for one. What the page sends is a value to publish, not a subscription.
export function FeedProvider({ children }: { children: ReactNode }) {
  const socketRef = useRef<WebSocket | null>(null);

  useEffect(() => {
    const ws = new WebSocket(`${WS_BASE}/feed`);
    socketRef.current = ws;
    ws.onopen = () => ws.send(JSON.stringify({ topic: 'hello', payload: null }));
    ws.onmessage = (event: MessageEvent) => takeFrame(event.data as string);
    return () => ws.close();
  }, []);

  const publish = useCallback((update: { topic: string; payload: unknown }) => {
    socketRef.current?.send(JSON.stringify(update));
  }, []);

  return <FeedSendContext.Provider value={publish}>{children}</FeedSendContext.Provider>;
}
