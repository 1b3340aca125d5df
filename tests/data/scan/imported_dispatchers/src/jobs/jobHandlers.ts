export type JobRow = { id: string; state: string; pct?: number };
type SetRows = (update: (rows: JobRow[]) => JobRow[]) => void;

// The parsed message is the second argument; the socket comes first.
export function handleJobMessage(socket: WebSocket, data: { kind: string; job: JobRow }, setRows: SetRows): void {
  switch (data.kind) {
    case "job_queued":
      setRows((rows) => [...rows, data.job]);
      break;
    case "job_progress":
      setRows((rows) => rows.map((r) => (r.id === data.job.id ? data.job : r)));
      break;
    case "job_cancelled":
      socket.close();
      break;
  }
}
