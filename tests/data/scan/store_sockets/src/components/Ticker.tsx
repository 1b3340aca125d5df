import { useEffect, useState } from 'react';
import { useMarketStore } from '../stores/useMarketStore';

export function Ticker({ symbol }: { symbol: string }) {
  const socket = useMarketStore((s) => s.socket);
  const [last, setLast] = useState<number | null>(null);
  const [halted, setHalted] = useState(false);

  useEffect(() => {
    if (!socket) return;
    const onMessage = (e: MessageEvent) => {
      const msg = JSON.parse(e.data);
      if (msg.type === 'price' && msg.symbol === symbol) setLast(msg.last);
      else if (msg.type === 'halt') setHalted(true);
    };
    socket.addEventListener('message', onMessage);
    return () => socket.removeEventListener('message', onMessage);
  }, [socket, symbol]);

  return <span className={halted ? 'halted' : ''}>{last ?? '—'}</span>;
}
