import { WS_BASE } from './base';

export interface LogLine {
  at: string;
  text: string;
}

/** A socket of its own per job: the server streams that job's log and closes it at the end. */
export function tailJobLog(jobId: string, onLine: (line: LogLine) => void, onEnd: () => void): () => void {
  const ws = new WebSocket(`${WS_BASE}/jobs/${encodeURIComponent(jobId)}/log`);
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.kind === 'line') {
      onLine({ at: msg.at, text: msg.text });
    } else if (msg.kind === 'end') {
      onEnd();
      ws.close();
    }
  };
  return () => ws.close();
}
