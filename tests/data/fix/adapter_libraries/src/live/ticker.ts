import { WebSocket as PartyWebSocket } from 'partysocket';

export interface Tick {
  symbol: string;
  price: number;
}

/** The last price per symbol, kept by partysocket's reconnecting socket. */
export class Ticker {
  readonly prices = new Map<string, number>();
  private readonly socket = new PartyWebSocket('/ws/ticker');

  constructor() {
    this.socket.onmessage = (event) => this.receive(event);
  }

  private receive(event: MessageEvent): void {
    const msg = JSON.parse(event.data);
    if (msg.type === 'tick') {
      const tick = msg.payload as Tick;
      this.prices.set(tick.symbol, tick.price);
    }
  }
}
