import { useEffect, useRef, useState } from 'react';

export function LeakyPanel() {
  const [rows, setRows] = useState<unknown[]>([]);
  useEffect(() => {
    const sock = new WebSocket('/ws/health');
    sock.onmessage = (e) => setRows((prev) => [...prev, JSON.parse(e.data)]);
  }, []);
  return <ul>{rows.length}</ul>;
}

export function RefPanel() {
  const wsRef = useRef<WebSocket | null>(null);
  const [last, setLast] = useState<unknown>(null);
  useEffect(() => {
    const connect = () => {
      wsRef.current = new WebSocket('/ws/system');
      wsRef.current.onmessage = (e) => setLast(JSON.parse(e.data));
      wsRef.current.onclose = () => setTimeout(connect, 2000);
    };
    connect();
    return () => wsRef.current?.close();
  }, []);
  return <i>{String(last)}</i>;
}

export function RenderTimeSocket() {
  const ws = new WebSocket('/ws/admin');
  ws.onmessage = (e) => console.log(e.data);
  return null;
}
