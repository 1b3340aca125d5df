import urls from '../api/urls';

interface Probe {
  name: string;
  run: (timeoutMs: number) => Promise<boolean>;
}

// Run by the diagnostics page through a list: nobody calls `eventsProbe.run` by name.
export const eventsProbe: Probe = {
  name: 'events socket',
  run: (timeoutMs) =>
    new Promise((resolve) => {
      const ws = new WebSocket(urls.events());
      const timer = setTimeout(() => resolve(false), timeoutMs);
      ws.onmessage = () => {
        clearTimeout(timer);
        ws.close();
        resolve(true);
      };
    }),
};

// Paths spelled out in an object of this file.
const feeds = {
  ticker: (symbol: string) => `/ws/ticker/${symbol.toLowerCase()}`,
};

export function watchBitcoin(onTick: (price: number) => void): WebSocket {
  const ws = new WebSocket(feeds.ticker('BTC'));
  ws.onmessage = (e) => {
    const tick = JSON.parse(e.data);
    if (tick.type === 'trade') onTick(tick.price);
  };
  return ws;
}
