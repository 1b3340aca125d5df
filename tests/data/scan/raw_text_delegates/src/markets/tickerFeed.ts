import { socketOrigin } from '../lib/env';
import { handleTick, marketLabel } from './tickHandlers';

let feed: WebSocket | undefined;

export function startTicker(onStatus: (label: string) => void) {
  feed = new WebSocket(`${socketOrigin()}/feeds/ticks`);
  feed.addEventListener('open', () => onStatus(marketLabel('open')));
  feed.addEventListener('message', (ev: MessageEvent<string>) => {
    try {
      handleTick(JSON.parse(ev.data));
    } catch {
      // a malformed frame: skip it
    }
  });
}

export function stopTicker() {
  feed?.close();
  feed = undefined;
}
