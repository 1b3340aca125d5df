import React, { useEffect, useState } from "react";
import { useRealtime } from "../../realtime/RealtimeProvider";

export function WhoIsHere() {
  const { latest, connected, send } = useRealtime();
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (connected) send({ type: "presence.hello" });
  }, [connected, send]);
  useEffect(() => {
    if (latest?.type === "presence.joined") setCount((n) => n + 1);
    if (latest?.type === "presence.left") setCount((n) => n - 1);
  }, [latest]);
  return <span>{count} here</span>;
}
