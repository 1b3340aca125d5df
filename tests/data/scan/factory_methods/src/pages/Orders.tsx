import React from "react";
import { useLiveRows } from "../live/useLiveRows";

interface Order {
  id: number;
  total: number;
}

export function Orders({ orders }: { orders: Order[] }) {
  const live = useLiveRows("orders", orders);
  return (
    <ul>
      {live.map((o) => (
        <li key={o.id}>{o.total}</li>
      ))}
    </ul>
  );
}
