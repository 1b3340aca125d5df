import { useCallback, useEffect, useRef, useState } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (payload: any) => void;

/** A socket per topic and user; components register a handler per message type. */
export function useTopicSocket(topic: string, userId: string) {
  const handlers = useRef(new Map<string, Handler>());
  const [isConnected, setConnected] = useState(false);

  useEffect(() => {
    const socket = new WebSocket(`/ws/${topic}/${userId}`);
    socket.onopen = () => setConnected(true);
    socket.onclose = () => setConnected(false);
    socket.onmessage = (e) => {
      const { type, payload } = JSON.parse(e.data);
      handlers.current.get(type)?.(payload);
    };
    return () => socket.close();
  }, [topic, userId]);

  const subscribe = useCallback((type: string, handler: Handler) => {
    handlers.current.set(type, handler);
  }, []);

  return { subscribe, isConnected };
}

export const useSystemSocket = (userId: string) => useTopicSocket('system', userId);
