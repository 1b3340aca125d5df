import { useEffect, useState } from 'react';
import { TopicClient, socketManager } from './TopicClient';

export function useLiveFeed({ topic }: { topic: string }) {
  const [last, setLast] = useState<unknown>(null);
  useEffect(() => {
    const ws = new WebSocket(`/ws/${topic}`);
    ws.onmessage = (e) => setLast(JSON.parse(e.data));
    return () => ws.close();
  }, [topic]);
  return last;
}

// A component whose topic is a prop: each render with a literal topic is a connection.
export function TopicFeed({ topic }: { topic: string }) {
  const [last, setLast] = useState<string>('');
  useEffect(() => {
    const ws = new WebSocket('/ws/' + topic);
    ws.onmessage = (e) => setLast(e.data);
    return () => ws.close();
  }, [topic]);
  return <span>{last}</span>;
}

// A prop that only fills the per-user segment: the socket inside is the connection.
export function UserFeed({ userId }: { userId: string }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const ws = new WebSocket(`/ws/notifications/${userId}`);
    ws.onmessage = () => setCount((n) => n + 1);
    return () => ws.close();
  }, [userId]);
  return <b>{count}</b>;
}

export function Dashboard({ userId }: { userId: string }) {
  const load = useLiveFeed({ topic: 'system' });
  useEffect(() => {
    const alerts = new TopicClient('/ws/alerts');
    alerts.on('alert_raised', () => undefined);
    alerts.connect();
    return () => alerts.close();
  }, []);
  useEffect(() => {
    const dns = socketManager.connect('/ws/dns_management');
    return undefined;
  }, []);
  return (
    <div>
      <TopicFeed topic="health" />
      <TopicFeed topic={'security'} />
      <UserFeed userId={userId} />
      {String(load)}
    </div>
  );
}
