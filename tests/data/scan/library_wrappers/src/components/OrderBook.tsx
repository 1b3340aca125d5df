import { useEffect, useMemo, useState } from 'react';
import useWebSocket, { ReadyState } from 'react-use-websocket';
import { wsUrl } from '../lib/urls';

type Level = [price: number, size: number];

type BookFrame =
  | { type: 'snapshot'; bids: Level[]; asks: Level[] }
  | { type: 'delta'; side: 'bid' | 'ask'; level: Level }
  | { type: 'trade'; price: number; size: number };

function applyLevel(levels: Level[], [price, size]: Level): Level[] {
  const rest = levels.filter(([p]) => p !== price);
  return size === 0 ? rest : [...rest, [price, size] as Level];
}

export function OrderBook({ symbol, depth = 15 }: { symbol: string; depth?: number }) {
  const [bids, setBids] = useState<Level[]>([]);
  const [asks, setAsks] = useState<Level[]>([]);
  const [lastTrade, setLastTrade] = useState<number | null>(null);

  const { lastJsonMessage, sendJsonMessage, readyState } = useWebSocket<BookFrame>(wsUrl('/ws/orderbook'), {
    shouldReconnect: () => true,
    reconnectInterval: 2000,
    share: true,
  });

  useEffect(() => {
    if (readyState === ReadyState.OPEN) sendJsonMessage({ type: 'subscribe', symbol });
  }, [readyState, symbol, sendJsonMessage]);

  useEffect(() => {
    if (!lastJsonMessage) return;
    switch (lastJsonMessage.type) {
      case 'snapshot':
        setBids(lastJsonMessage.bids);
        setAsks(lastJsonMessage.asks);
        break;
      case 'delta': {
        const setSide = lastJsonMessage.side === 'bid' ? setBids : setAsks;
        const level = lastJsonMessage.level;
        setSide((prev) => applyLevel(prev, level));
        break;
      }
      case 'trade':
        setLastTrade(lastJsonMessage.price);
        break;
    }
  }, [lastJsonMessage]);

  const top = useMemo(
    () => ({
      bids: [...bids].sort((a, b) => b[0] - a[0]).slice(0, depth),
      asks: [...asks].sort((a, b) => a[0] - b[0]).slice(0, depth),
    }),
    [bids, asks, depth],
  );

  return (
    <div className="book">
      <h4>
        {symbol} {lastTrade ?? '—'}
      </h4>
      <ul className="book__bids">{top.bids.map(([p, s]) => <li key={p}>{p} × {s}</li>)}</ul>
      <ul className="book__asks">{top.asks.map(([p, s]) => <li key={p}>{p} × {s}</li>)}</ul>
    </div>
  );
}
