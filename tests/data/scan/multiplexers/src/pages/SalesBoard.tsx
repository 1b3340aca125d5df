import { useEffect, useState } from 'react';
import { useBoardStream } from '../live/useBoardStream';
import { StreamHub } from '../live/streamHub';
import { Prefs, Toasts } from '../state/toasts';

interface Order {
  id: string;
  total: number;
}

export function SalesBoard() {
  const [orders, setOrders] = useState<Order[]>([]);
  const [alerts, setAlerts] = useState(0);
  const region = Prefs.load('region') ?? 'eu';

  useBoardStream<Order>('sales', 'orders', setOrders, `region=${region}`);

  useEffect(() => {
    let stop: (() => void) | undefined;
    StreamHub.subscribe('sales', 'alerts', '', () => setAlerts((n) => n + 1)).then((s) => {
      stop = s;
    });
    return () => stop?.();
  }, []);

  useEffect(() => Toasts.subscribe((t) => console.debug('toasts', t.length)), []);

  return (
    <section>
      <h2>Sales ({alerts} alerts)</h2>
      <ul>{orders.map((o) => <li key={o.id}>{o.total}</li>)}</ul>
      <button onClick={() => Prefs.save('region', region === 'eu' ? 'us' : 'eu')}>switch region</button>
    </section>
  );
}
