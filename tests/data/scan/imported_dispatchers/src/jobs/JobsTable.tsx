import { useEffect, useState } from "react";
import { handleJobMessage, JobRow } from "./jobHandlers";

export function JobsTable() {
  const [rows, setRows] = useState<JobRow[]>([]);
  useEffect(() => {
    const socket = new WebSocket(`wss://${location.host}/api/jobs/stream`);
    socket.onmessage = (event) => {
      try {
        const data = JSON.parse(event.data);
        handleJobMessage(socket, data, setRows);
      } catch (err) {
        console.error("bad frame", err);
      }
    };
    return () => socket.close();
  }, []);
  return <table><tbody>{rows.map((r) => <tr key={r.id}><td>{r.state}</td></tr>)}</tbody></table>;
}
