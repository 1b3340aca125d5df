import { useEffect, useState } from 'react';
import { useTopicSocket } from '../realtime/topic';
import { websocketService } from '../services/websocket';
import { EventType } from '../types/websocket';

type Status = { up: boolean };

export function Health({ user }: { user: { id: string } }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [health, setHealth] = useState<unknown>(null);
  useEffect(() => {
    void websocketService.subscribe([EventType.FORWARDER_STATUS_CHANGED, EventType.SYSTEM_HEALTH_UPDATED]);
    const onForwarderStatusChanged = ((payload: Status) => setStatus(payload)) as (data: any) => void;
    websocketService.on(EventType.FORWARDER_STATUS_CHANGED, onForwarderStatusChanged);
    const onSystemHealthUpdated = (data: any) => setHealth(data);
    websocketService.on(EventType.SYSTEM_HEALTH_UPDATED, onSystemHealthUpdated);
    return () => {
      websocketService.off(EventType.FORWARDER_STATUS_CHANGED, onForwarderStatusChanged);
      websocketService.off(EventType.SYSTEM_HEALTH_UPDATED, onSystemHealthUpdated);
      websocketService.unsubscribe([EventType.FORWARDER_STATUS_CHANGED, EventType.SYSTEM_HEALTH_UPDATED]);
    };
  }, [setStatus]);
  return <pre>{JSON.stringify([status, health, typeof useTopicSocket])}</pre>;
}
