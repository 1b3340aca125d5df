import { openLegacySocket } from '../services/legacySocket';
export interface Tick {
  symbol: string;
  price: number;
}

/** A price feed per topic; the caller hands in what to do with each tick. */
export function createFeed(topic: string, onTick: (tick: Tick) => void, onHalt?: () => void) {
  const ws = openLegacySocket(`/ws/feeds/${topic}`);
  ws.addEventListener('message', (event) => {
    const msg = JSON.parse(event.data);
    switch (msg.type) {
      case 'tick':
        onTick(msg.payload as Tick);
        break;
      case 'halt':
        onHalt?.();
        break;
    }
  });
  return { close: () => ws.close() };
}
