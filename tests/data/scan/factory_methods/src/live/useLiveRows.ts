import { useEffect, useState } from "react";
import { apiBase } from "../lib/origin";
import { createCounter, createLiveFeed } from "./stream";

const feed = createLiveFeed(apiBase());
const counter = createCounter(0);

/** Keeps `rows` fresh with the changes the server pushes for them. */
export function useLiveRows<Row extends { id: number }>(collection: string, rows: Row[]): Row[] {
  const [fresh, setFresh] = useState(rows);
  useEffect(() => setFresh(rows), [rows]);
  useEffect(() => {
    const closers = feed.watch({
      params: { collection: collection, rows: rows.map((r) => r.id) },
      listener: (row) => setFresh((all) => all.map((r) => (r.id === row.id ? ({ ...r, ...row } as Row) : r))),
    });
    counter.bump(closers.length);
    return () => feed.release(closers);
  }, [collection, rows]);
  return fresh;
}
