import React, { useMemo } from "react";
import { useLiveRows } from "../live/useLiveRows";

type Invoice = { id: number; paid: boolean };

export default function Invoices(props: { invoices: Invoice[] }) {
  const sorted = useMemo(() => [...props.invoices].sort((a, b) => a.id - b.id), [props.invoices]);
  const rows = useLiveRows("invoices", sorted);
  return <p>{rows.filter((r) => r.paid).length} paid</p>;
}
