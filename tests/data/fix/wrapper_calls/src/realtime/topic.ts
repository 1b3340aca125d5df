import { useCallback, useEffect, useRef } from 'react';

type Handler = (payload: unknown) => void;

export function useTopicSocket(topic: string, userId: string) {
  const handlers = useRef(new Map<string, Handler>());
  useEffect(() => {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${window.location.host}/ws/${topic}/${userId}`);
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      handlers.current.get(message.type)?.(message.payload);
    };
    return () => ws.close();
  }, [topic, userId]);
  const subscribe = useCallback((type: string, fn: Handler) => {
    handlers.current.set(type, fn);
  }, []);
  return { subscribe };
}

export const useHealthSocket = (id: string) => useTopicSocket('health', id);

export function useDnsSocket(userId: string) {
  return useTopicSocket('dns_management', userId);
}

// Never called: a wrapper with no connections, listed for the Cleanup phase.
export const useAdminSocket = (userId: string) => useTopicSocket('admin', userId);
