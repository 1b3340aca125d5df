import { useCallback, useEffect, useRef, useState } from 'react';
import { openLegacySocket } from '../services/legacySocket';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AreaHandler = (data: any) => void;

/** One socket per area for a component; it registers a handler per message type. */
export function useAreaFeed(area: string) {
  const handlers = useRef(new Map<string, AreaHandler>());
  const [isConnected, setConnected] = useState(false);

  useEffect(() => {
    const socket = openLegacySocket(`${location.origin.replace(/^http/, 'ws')}/ws/floor/${area}`);
    socket.onopen = () => setConnected(true);
    socket.onclose = () => setConnected(false);
    socket.onmessage = (event) => {
      const { type, payload } = JSON.parse(event.data);
      handlers.current.get(type)?.(payload);
    };
    return () => socket.close();
  }, [area]);

  const subscribe = useCallback((type: string, handler: AreaHandler) => {
    handlers.current.set(type, handler);
  }, []);

  return { subscribe, isConnected };
}

export const useConveyorFeed = () => useAreaFeed('conveyor');
export const useYardFeed = () => useAreaFeed('yard');
