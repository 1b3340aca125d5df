import { baseUrl } from "../lib/baseUrl";
import { ReactNode, createContext, useEffect, useRef, useState } from "react";

type LiveUpdate =
  | { topic: "gate_opened"; gate: string }
  | { topic: "gate_closed"; gate: string }
  | { topic: "truck_arrived"; plate: string };

export const LiveContext = createContext<LiveUpdate | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const url = `${baseUrl.replace(/^http/, "ws")}ws`;
  const socket = useRef<WebSocket | null>(null);
  const [last, setLast] = useState<LiveUpdate | null>(null);

  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;

    function connect() {
      if (stopped) return;
      const ws = new WebSocket(url);
      socket.current = ws;
      ws.onmessage = (event: MessageEvent) => {
        let update: LiveUpdate;
        try {
          update = JSON.parse(event.data as string);
        } catch {
          return;
        }
        if (update.topic === "gate_opened" || update.topic === "gate_closed") {
          setLast(update);
        } else if (update.topic === "truck_arrived") {
          setLast(update);
        }
      };
      ws.onclose = () => {
        if (!stopped) retry = setTimeout(connect, 2000);
      };
    }

    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket.current?.close();
    };
  }, [url]);

  return <LiveContext.Provider value={last}>{children}</LiveContext.Provider>;
}
