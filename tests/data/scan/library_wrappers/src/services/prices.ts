import { webSocket, type WebSocketSubject } from 'rxjs/webSocket';
import type { Subscription } from 'rxjs';
import { wsUrl } from '../lib/urls';

type PriceFrame =
  | { type: 'tick'; symbol: string; price: number }
  | { type: 'halt'; symbol: string; reason: string }
  | { type: 'resume'; symbol: string };

const WATCHLIST = ['ACME', 'GLOBX', 'INITech'];

export const latest = new Map<string, number>();
export const halted = new Map<string, string>();

// The subject parses JSON itself; it connects on the first subscribe.
const prices$: WebSocketSubject<PriceFrame> = webSocket<PriceFrame>(wsUrl('/ws/prices'));

export function startPriceFeed(): Subscription {
  const sub = prices$.subscribe((msg) => {
    switch (msg.type) {
      case 'tick':
        latest.set(msg.symbol, msg.price);
        break;
      case 'halt':
        halted.set(msg.symbol, msg.reason);
        break;
      case 'resume':
        halted.delete(msg.symbol);
        break;
    }
  });
  // Outgoing control frame; the server only accepts it after the socket is open, which the
  // subject takes care of by buffering.
  prices$.next({ type: 'subscribe', symbols: WATCHLIST } as unknown as PriceFrame);
  return sub;
}
