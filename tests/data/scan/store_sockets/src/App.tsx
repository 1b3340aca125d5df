import { useEffect } from 'react';
import { Ticker } from './components/Ticker';
import OrderBook from './components/OrderBook';
import { ReplayBar } from './components/ReplayBar';
import { ChatPanel } from './components/ChatPanel';
import { useMarketStore } from './stores/useMarketStore';

export function App({ token }: { token: string }) {
  const connect = useMarketStore((s) => s.connect);
  useEffect(() => connect(token), [connect, token]);
  return (
    <main>
      <Ticker symbol="ACME" />
      <OrderBook />
      <ReplayBar />
      <ChatPanel room="desk" />
    </main>
  );
}
