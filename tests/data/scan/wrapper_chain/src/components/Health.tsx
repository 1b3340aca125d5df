import { useEffect, useState } from 'react';
import { useHealthSocket } from '@/realtime';

export function Health({ user }: { user: { id: string } }) {
  const [status, setStatus] = useState<unknown>(null);
  const { subscribe } = useHealthSocket(user.id);
  useEffect(() => {
    subscribe('forwarder_status', setStatus);
    subscribe('system_health', setStatus);
  }, [subscribe]);
  return <pre>{JSON.stringify(status)}</pre>;
}
