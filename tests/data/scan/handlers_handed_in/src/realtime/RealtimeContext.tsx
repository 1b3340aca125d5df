import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { wsUrl } from '../lib/ws';

export interface RealtimeEvent<T = unknown> {
  type: string;
  payload: T;
  sentAt: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventHandler = (event: RealtimeEvent<any>) => void;

interface Registration {
  types: string[];
  fn: EventHandler;
}

export interface RealtimeContextValue {
  connected: boolean;
  /** Returns the function that removes the registration. */
  registerEventHandler: (id: string, types: string[], fn: EventHandler) => () => void;
}

const RealtimeContext = createContext<RealtimeContextValue>({
  connected: false,
  registerEventHandler: () => () => undefined,
});

interface RealtimeProviderProps {
  children: ReactNode;
  onSessionExpired: () => void;
}

export function RealtimeProvider({ children, onSessionExpired }: RealtimeProviderProps) {
  const [connected, setConnected] = useState(false);
  const registry = useRef(new Map<string, Registration>());

  useEffect(() => {
    const ws = new WebSocket(wsUrl('/ws/events'));
    ws.onopen = () => setConnected(true);
    ws.onclose = () => setConnected(false);
    ws.onmessage = (e: MessageEvent<string>) => {
      const msg: RealtimeEvent = JSON.parse(e.data);
      if (msg.type === 'session_expired') {
        onSessionExpired();
        return;
      }
      registry.current.forEach(({ types, fn }) => {
        if (types.includes(msg.type)) fn(msg);
      });
    };
    return () => ws.close();
  }, [onSessionExpired]);

  const registerEventHandler = useCallback((id: string, types: string[], fn: EventHandler) => {
    registry.current.set(id, { types, fn });
    return () => {
      registry.current.delete(id);
    };
  }, []);

  const value = useMemo(() => ({ connected, registerEventHandler }), [connected, registerEventHandler]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeContextValue {
  return useContext(RealtimeContext);
}
