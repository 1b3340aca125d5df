import { createLiveStore } from '../lib/liveStore';

export interface Order {
  id: string;
  side: 'buy' | 'sell';
  qty: number;
}

export const currentOrder = createLiveStore<Order>('orders');
