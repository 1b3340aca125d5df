import { openOrdersFeed } from '@/lib/feeds';

let count = 0;

export function mountOrders(): () => void {
  const ws = openOrdersFeed((frame) => {
    if (frame.type === 'order_placed') count += 1;
    else if (frame.type === 'order_cancelled') count -= 1;
  });
  return () => ws.close();
}
