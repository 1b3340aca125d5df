import React, { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";

export type ServerFrame = { type: string; payload?: unknown };

interface Realtime {
  latest: ServerFrame | null;
  connected: boolean;
  send: (frame: object) => void;
}

const RealtimeContext = createContext<Realtime | null>(null);

export function RealtimeProvider({ url, children }: { url: string; children: React.ReactNode }) {
  const [latest, setLatest] = useState<ServerFrame | null>(null);
  const [connected, setConnected] = useState(false);
  const socketRef = useRef<WebSocket | null>(null);

  useEffect(() => {
    const ws = new WebSocket(url);
    socketRef.current = ws;
    ws.onopen = () => setConnected(true);
    ws.onclose = () => setConnected(false);
    ws.onmessage = (event) => {
      try {
        setLatest(JSON.parse(event.data));
      } catch {
        // not JSON: ignored
      }
    };
    return () => ws.close();
  }, [url]);

  const value = useMemo(
    () => ({ latest, connected, send: (f: object) => socketRef.current?.send(JSON.stringify(f)) }),
    [latest, connected],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  const ctx = useContext(RealtimeContext);
  if (!ctx) throw new Error("useRealtime outside RealtimeProvider");
  return ctx;
}

export const useRealtimeContext = () => useContext(RealtimeContext);
