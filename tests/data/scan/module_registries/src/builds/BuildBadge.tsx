import { useEffect, useState } from "react";
import { onMessage } from "../realtime/router";
import { connectBuilds } from "../realtime/socket";

export function BuildBadge() {
  const [done, setDone] = useState(0);
  useEffect(() => {
    const off = onMessage("build_finished", () => setDone((n) => n + 1));
    const ws = connectBuilds();
    return () => {
      off();
      ws.close();
    };
  }, []);
  return <span className="badge">{done}</span>;
}
