import { useCallback, useEffect, useState } from 'react';
import { useRealtime, type RealtimeEvent } from '../realtime/RealtimeContext';
import { useLiveFeed } from '../realtime/useLiveFeed';

interface StockLevel {
  sku: string;
  onHand: number;
  reorderAt: number;
}

type ShipmentMessage =
  | { kind: 'shipment_moved'; id: string; location: string }
  | { kind: 'eta_changed'; id: string; eta: string };

export default function Inventory({ warehouse }: { warehouse: string }) {
  const [stock, setStock] = useState<StockLevel[]>([]);
  const [lowSkus, setLowSkus] = useState<string[]>([]);
  const [shipments, setShipments] = useState<Record<string, string>>({});
  const { registerEventHandler } = useRealtime();

  useEffect(() => {
    const ctrl = new AbortController();
    fetch(`/api/warehouses/${encodeURIComponent(warehouse)}/stock`, { signal: ctrl.signal })
      .then((r) => r.json() as Promise<StockLevel[]>)
      .then(setStock)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [warehouse]);

  const onStock = useCallback((event: RealtimeEvent<StockLevel>) => {
    const { sku } = event.payload;
    setLowSkus((prev) =>
      event.type === 'stock_low' ? [...new Set([...prev, sku])] : prev.filter((s) => s !== sku),
    );
    setStock((prev) => prev.map((s) => (s.sku === sku ? event.payload : s)));
  }, []);

  useEffect(
    () => registerEventHandler('inventory-panel', ['stock_low', 'stock_restocked'], onStock),
    [registerEventHandler, onStock],
  );

  const handleShipment = (msg: ShipmentMessage) => {
    if (msg.kind === 'shipment_moved') {
      setShipments((prev) => ({ ...prev, [msg.id]: `at ${msg.location}` }));
    } else if (msg.kind === 'eta_changed') {
      setShipments((prev) => ({ ...prev, [msg.id]: `due ${new Date(msg.eta).toLocaleString()}` }));
    }
  };

  const { status } = useLiveFeed<ShipmentMessage>(`/ws/shipments`, {
    onMessage: handleShipment,
    paused: !warehouse,
  });

  return (
    <section>
      <h2>
        {warehouse} <small>shipments feed: {status}</small>
      </h2>
      <table>
        <tbody>
          {stock.map((s) => (
            <tr key={s.sku} className={lowSkus.includes(s.sku) ? 'low' : ''}>
              <td>{s.sku}</td>
              <td>{s.onHand}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul>
        {Object.entries(shipments).map(([id, where]) => (
          <li key={id}>
            {id}: {where}
          </li>
        ))}
      </ul>
    </section>
  );
}
