import { useCallback, useEffect, useState } from 'react';
import { alertsWS, productionWS, useChannel } from '../realtime/channels';
import { useLiveFeed } from '../realtime/useLiveFeed';

interface LineState {
  lineId: string;
  unitsPerHour: number;
  running: boolean;
}

interface OrderStatus {
  orderId: string;
  status: 'queued' | 'in_progress' | 'done';
}

type OrderFeedMessage =
  | { kind: 'order_created'; order: { id: string; sku: string; qty: number } }
  | { kind: 'order_cancelled'; orderId: string; reason?: string }
  | { kind: 'order_shipped'; orderId: string; carrier: string };

const MAX_LOG = 50;

export function ProductionLine({ lineId }: { lineId: string }) {
  const [line, setLine] = useState<LineState | null>(null);
  const [orders, setOrders] = useState<Record<string, OrderStatus['status']>>({});
  const [alarms, setAlarms] = useState(0);
  const [log, setLog] = useState<string[]>([]);

  useEffect(() => {
    fetch(`/api/lines/${encodeURIComponent(lineId)}`)
      .then((r) => r.json())
      .then(setLine)
      .catch(() => setLine(null));
  }, [lineId]);

  const onUpdate = useCallback(
    (data: LineState) => {
      if (data.lineId === lineId) setLine(data);
    },
    [lineId],
  );

  const onStatus = useCallback((data: OrderStatus) => {
    setOrders((prev) => ({ ...prev, [data.orderId]: data.status }));
  }, []);

  useChannel(productionWS, { production_update: onUpdate, order_status: onStatus });

  useEffect(() => {
    const off = alertsWS.on('alarm', (data: { lineId: string }) => {
      if (data.lineId === lineId) setAlarms((n) => n + 1);
    });
    return off;
  }, [lineId]);

  const append = (entry: string) => setLog((prev) => [entry, ...prev].slice(0, MAX_LOG));

  function handleFeed(msg: OrderFeedMessage) {
    switch (msg.kind) {
      case 'order_created':
        append(`new order ${msg.order.id}: ${msg.order.qty} × ${msg.order.sku}`);
        break;
      case 'order_cancelled':
        append(`order ${msg.orderId} cancelled${msg.reason ? ` (${msg.reason})` : ''}`);
        break;
      case 'order_shipped':
        append(`order ${msg.orderId} left with ${msg.carrier}`);
        break;
      default:
        break;
    }
  }

  const feed = useLiveFeed<OrderFeedMessage>('/ws/orders', { onMessage: handleFeed });

  return (
    <section>
      <h2>
        Line {lineId} {line?.running ? '▶' : '■'} {line?.unitsPerHour ?? 0} u/h
      </h2>
      {alarms > 0 && <p className="alarm">{alarms} alarms on this line</p>}
      <p>
        {Object.keys(orders).length} orders tracked · feed {feed.status} ({feed.received} frames)
      </p>
      <ol>
        {log.map((entry, i) => (
          <li key={i}>{entry}</li>
        ))}
      </ol>
    </section>
  );
}
