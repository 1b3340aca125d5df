import React, { useEffect, useState } from "react";
import { apiBase } from "../lib/origin";
import { createLiveFeed } from "../live/stream";

// A page with a feed of its own, made where it is used.
export function Audit() {
  const [lines, setLines] = useState<string[]>([]);
  useEffect(() => {
    const own = createLiveFeed(apiBase());
    const closers = own.watch({
      params: { collection: "audit" },
      listener: (_row, what) => setLines((all) => [...all, what]),
    });
    return () => own.release(closers);
  }, []);
  return <ol>{lines.map((l, i) => <li key={i}>{l}</li>)}</ol>;
}
