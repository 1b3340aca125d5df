import { memo, useEffect, useState } from 'react';
import { socketOrigin } from '@/net/urls';

// memo(...) hands the component back: a JSX use giving `feed` is the connection
export const Ticker = memo(function Ticker({ feed }: { feed: string }) {
  const [last, setLast] = useState<number | null>(null);
  useEffect(() => {
    const ws = new WebSocket(socketOrigin() + feed);
    ws.addEventListener('message', (event) => {
      const tick = JSON.parse(event.data);
      if (tick.kind === 'price') setLast(tick.value);
    });
    return () => ws.close();
  }, [feed]);
  return <span className="ticker">{last ?? '—'}</span>;
});
