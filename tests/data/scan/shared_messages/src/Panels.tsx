import { useEffect } from 'react';

type On = (what: string, data: unknown) => void;

export function SystemPanel({ on }: { on: On }) {
  useEffect(() => {
    const ws = new WebSocket('/ws/system');
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'zone_created') on('zone', msg.payload);
      else if (msg.type === 'bind_reload') on('bind', msg.payload);
    };
    return () => ws.close();
  }, [on]);
  return null;
}

export function DnsPanel({ on }: { on: On }) {
  useEffect(() => {
    const ws = new WebSocket('/ws/dns');
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'zone_created') on('dns zone', msg.payload);
      else if (msg.type === 'zone_updated') on('dns update', msg.payload);
    };
    return () => ws.close();
  }, [on]);
  return null;
}

export function HealthPanel({ on }: { on: On }) {
  useEffect(() => {
    const ws = new WebSocket('/ws/health');
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'forwarder_status') on('forwarder', msg.payload);
      else if (msg.type === 'legacy_ping') on('ping', null);
    };
    return () => ws.close();
  }, [on]);
  return null;
}
