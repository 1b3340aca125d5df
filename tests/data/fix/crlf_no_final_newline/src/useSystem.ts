import { useEffect } from "react";

export function useSystem(onMetrics: (m: unknown) => void) {
  useEffect(() => {
    const ws = new WebSocket("/ws/system");
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === "system_metrics") {
        onMetrics(msg.payload);
      }
    };
    return () => ws.close();
  }, [onMetrics]);
}