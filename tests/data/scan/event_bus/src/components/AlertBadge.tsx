import React, { useEffect, useState } from "react";
import { events, uiBus } from "../lib/events";

export function AlertBadge() {
  const [open, setOpen] = useState(0);
  useEffect(() => {
    const up = () => setOpen((n) => n + 1);
    const down = () => setOpen((n) => Math.max(0, n - 1));
    events.on("alert_raised", up);
    events.on("alert_cleared", down);
    events.on("*", (type) => console.debug("bus", type));
    uiBus.on("sidebar_toggled", () => setOpen(0));
    return () => {
      events.off("alert_raised", up);
      events.off("alert_cleared", down);
    };
  }, []);
  return <span className="badge">{open}</span>;
}
