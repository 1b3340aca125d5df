import { useEffect, useState } from 'react';
import { socketOrigin } from '@/net/urls';

interface Transfer {
  id: number;
  name: string;
  done: number;
  total: number;
}

// whole records, upserted by id: the handler compares ids, it tells no kinds of message apart
export function Transfers() {
  const [rows, setRows] = useState<Transfer[]>([]);
  useEffect(() => {
    const ws = new WebSocket(`${socketOrigin()}/ws/transfers`);
    ws.onmessage = (event) => {
      const t: Transfer = JSON.parse(event.data);
      setRows((prev) => {
        const at = prev.findIndex((row) => row.id === t.id);
        if (at < 0) return [...prev, t];
        const next = prev.slice();
        next[at] = t;
        return next;
      });
    };
    return () => ws.close();
  }, []);
  return <ul>{rows.map((r) => <li key={r.id}>{r.name}: {r.done}/{r.total}</li>)}</ul>;
}
