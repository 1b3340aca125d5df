import { useEffect } from "react";
import { websocketService } from "./services/websocket";
import { EventType } from "./types/websocket";

export function useSystem(onMetrics: (m: unknown) => void) {
  useEffect(() => {
    void websocketService.subscribe([EventType.SYSTEM_METRICS]);
    const onSystemMetrics = (payload: any) => {
      onMetrics(payload);
    };
    websocketService.on(EventType.SYSTEM_METRICS, onSystemMetrics);
    return () => {
      websocketService.off(EventType.SYSTEM_METRICS, onSystemMetrics);
      websocketService.unsubscribe([EventType.SYSTEM_METRICS]);
    };
  }, [onMetrics]);
}