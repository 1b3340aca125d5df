import { useCallback, useEffect, useRef, useState } from 'react';
import { WS_ORIGIN } from '../config';

export interface TopicEnvelope<T = unknown> {
  type: string;
  data: T;
  ts?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TopicHandler<T = any> = (data: T, envelope: TopicEnvelope<T>) => void;

export interface TopicSocketOptions {
  /** Re-open the socket after the server drops it (default: true). */
  reconnect?: boolean;
  retryMs?: number;
}

const DEFAULT_RETRY_MS = 3000;

/**
 * One socket per topic and user: /ws/<topic>/<userId>.
 * Components register per-message-type handlers with `subscribe`; the hook owns the
 * socket, the heartbeat bookkeeping and the retry timer.
 */
export function useTopicSocket(topic: string, userId: string, opts: TopicSocketOptions = {}) {
  const { reconnect = true, retryMs = DEFAULT_RETRY_MS } = opts;
  const socketRef = useRef<WebSocket | null>(null);
  const handlersRef = useRef(new Map<string, Set<TopicHandler>>());
  const lastBeatRef = useRef<number>(0);
  const [isConnected, setIsConnected] = useState(false);

  useEffect(() => {
    if (!userId) return undefined;
    let disposed = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const connect = () => {
      const ws = new WebSocket(`${WS_ORIGIN}/ws/${topic}/${userId}`);
      socketRef.current = ws;
      ws.onopen = () => setIsConnected(true);
      ws.onmessage = (event: MessageEvent<string>) => {
        let msg: TopicEnvelope;
        try {
          msg = JSON.parse(event.data);
        } catch (err) {
          console.warn(`[${topic}] dropped a malformed frame`, err);
          return;
        }
        if (msg.type === 'heartbeat') {
          lastBeatRef.current = Date.now();
          return;
        }
        handlersRef.current.get(msg.type)?.forEach((fn) => fn(msg.data, msg));
      };
      ws.onclose = () => {
        setIsConnected(false);
        if (!disposed && reconnect) {
          retryTimer = setTimeout(connect, retryMs);
        }
      };
    };

    connect();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, [topic, userId, reconnect, retryMs]);

  const subscribe = useCallback((type: string, fn: TopicHandler) => {
    const set = handlersRef.current.get(type) ?? new Set<TopicHandler>();
    set.add(fn);
    handlersRef.current.set(type, set);
  }, []);

  const unsubscribe = useCallback((type: string, fn: TopicHandler) => {
    handlersRef.current.get(type)?.delete(fn);
  }, []);

  const sendMessage = useCallback((payload: Record<string, unknown>) => {
    const ws = socketRef.current;
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify(payload));
    }
  }, []);

  return { subscribe, unsubscribe, isConnected, sendMessage };
}
