import { useEffect, useState } from 'react';
import { FEED_URL } from '../../config/env';

export function Feed() {
  const [quotes, setQuotes] = useState<Record<string, number>>({});
  const [halted, setHalted] = useState(false);

  useEffect(() => {
    const ws = new WebSocket(FEED_URL);
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      switch (msg.type) {
        case 'quote':
          setQuotes((q) => ({ ...q, [msg.symbol]: msg.price }));
          break;
        case 'halt':
          setHalted(true);
          break;
      }
    };
    return () => ws.close();
  }, []);

  return <pre>{halted ? 'halted' : JSON.stringify(quotes)}</pre>;
}
