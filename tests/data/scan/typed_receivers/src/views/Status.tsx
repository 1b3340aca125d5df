import React, { useEffect, useState } from "react";
import { useEndpoints } from "../core/config";

export function Status() {
  const urls = useEndpoints();
  const [state, setState] = useState("?");
  useEffect(() => {
    const ws = new WebSocket(urls.roomUrl("status"));
    ws.onmessage = (e) => setState(JSON.parse(e.data).state);
    return () => ws.close();
  }, [urls]);
  return <b>{state}</b>;
}
