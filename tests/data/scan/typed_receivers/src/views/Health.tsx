import React, { useEffect, useState } from "react";
import { Probe } from "../services/probe";

const streamProbe = new Probe({ url: () => "/stream/health", timeoutMs: 2000 });

export function Health() {
  const [ok, setOk] = useState<boolean | null>(null);
  useEffect(() => {
    void streamProbe.run().then(setOk);
  }, []);
  return <span>{ok === null ? "…" : ok ? "up" : "down"}</span>;
}
