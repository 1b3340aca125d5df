import { createFeed, type Tick } from '../lib/createFeed';

export const last = new Map<string, number>();
export let halted = false;

export function watchBitcoin() {
  return createFeed(
    'btc',
    (tick: Tick) => last.set(tick.symbol, tick.price),
    () => {
      halted = true;
    },
  );
}
