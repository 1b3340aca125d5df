import { useEffect, useState } from 'react';
import { useHealthSocket, useTopicSocket } from '../realtime/topic';

type Status = { up: boolean };

export function Health({ user }: { user: { id: string } }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [health, setHealth] = useState<unknown>(null);
  const { subscribe } = useHealthSocket(user.id);
  useEffect(() => {
    subscribe('forwarder_status', (payload: Status) => setStatus(payload));
    subscribe('system_health', setHealth);
  }, [subscribe, setStatus]);
  return <pre>{JSON.stringify([status, health, typeof useTopicSocket])}</pre>;
}
