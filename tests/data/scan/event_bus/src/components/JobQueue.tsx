import React, { useEffect, useState } from "react";
import { hub } from "../lib/hub";

// The queue panel listens for a job the server says is done and for the app's own
// "queue_cleared", which the panel's button publishes on the same bus.
export function JobQueue() {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    const done = (m: { id: string }) => setIds((all) => all.filter((id) => id !== m.id));
    const cleared = () => setIds([]);
    hub.on("job_done", done);
    hub.on("queue_cleared", cleared);
    return () => {
      hub.off("job_done", done);
      hub.off("queue_cleared", cleared);
    };
  }, []);
  return (
    <button type="button" onClick={() => hub.emit("queue_cleared")}>
      clear {ids.length}
    </button>
  );
}
