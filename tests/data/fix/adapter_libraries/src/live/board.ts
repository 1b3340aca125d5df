import { useFeed } from './feed';

export const ticks: unknown[] = [];

export function watchBoard() {
  return useFeed((tick) => ticks.push(tick));
}
