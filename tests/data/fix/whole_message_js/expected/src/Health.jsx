import React, { useEffect, useState } from 'react';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export default function HealthWidget() {
  const [health, setHealth] = useState(null);
  useEffect(() => {
    void websocketService.subscribe([EventType.HEALTH_STATUS]);
    const onHealthStatus = (data) => {
      setHealth(data);
    };
    websocketService.on(EventType.HEALTH_STATUS, onHealthStatus);
    return () => {
      websocketService.off(EventType.HEALTH_STATUS, onHealthStatus);
      websocketService.unsubscribe([EventType.HEALTH_STATUS]);
    };
  }, []);
  return <div>{health ? health.status : 'unknown'}</div>;
}
