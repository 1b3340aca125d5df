import type { TickFrame } from './tickTypes';

const quotes = new Map<string, number>();
const trades: Array<{ symbol: string; size: number }> = [];

// Given each frame after parsing; the frame is typed loosely on purpose (old servers add keys).
export function handleTick(frame: unknown) {
  const tick = frame as TickFrame;
  const { kind, data } = tick;
  switch (kind) {
    case 'quote':
      quotes.set(data.symbol, data.price);
      break;
    case 'trade':
      trades.push({ symbol: data.symbol, size: data.size ?? 0 });
      break;
    case 'halt':
      quotes.delete(data.symbol);
      break;
  }
}

export function marketLabel(status: string): string {
  if (status === 'closed') return 'Market closed';
  if (status === 'pre') return 'Pre-market';
  return 'Open';
}
