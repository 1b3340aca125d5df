import { useEffect, useState } from 'react';
import { useTicker, type Quote } from '../hooks/useTicker';
import { realtime } from '../realtime/RealtimeClient';

export function Markets() {
  const [quotes, setQuotes] = useState<Record<string, Quote>>({});
  const { subscribe, live } = useTicker('nasdaq');

  useEffect(() => {
    subscribe('trade', (q) => setQuotes((prev) => ({ ...prev, [q.symbol]: q })));
    subscribe('halt', (q) => setQuotes((prev) => ({ ...prev, [q.symbol]: { ...q, price: 0 } })));
  }, [subscribe]);

  useEffect(() => {
    realtime.subscribe(['MARKET_CLOSED']);
    return realtime.on('MARKET_CLOSED', () => setQuotes({}));
  }, []);

  return <ul data-live={live}>{Object.keys(quotes).length}</ul>;
}
