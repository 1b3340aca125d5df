import { useEffect, useMemo, useState } from 'react';
import { safeJson, wsOrigin } from '../../lib/safeJson';
import type { JobFrame } from '../../types/realtime';

interface JobRow {
  id: string;
  state: 'waiting' | 'running' | 'done' | 'failed';
  percent: number;
  error?: string;
}

type Rows = Record<string, JobRow>;

function applyJobFrame(rows: Rows, msg: JobFrame): Rows {
  const prev: JobRow = rows[msg.jobId] ?? { id: msg.jobId, state: 'waiting', percent: 0 };
  if (msg.kind === 'queued') {
    return { ...rows, [msg.jobId]: { ...prev, state: 'waiting' } };
  }
  if (msg.kind === 'started' || msg.kind === 'progress') {
    return { ...rows, [msg.jobId]: { ...prev, state: 'running', percent: msg.percent ?? prev.percent } };
  }
  if (msg.kind === 'finished') {
    return { ...rows, [msg.jobId]: { ...prev, state: 'done', percent: 100 } };
  }
  if (msg.kind === 'failed') {
    return { ...rows, [msg.jobId]: { ...prev, state: 'failed', error: msg.error } };
  }
  return rows;
}

export function JobQueue({ projectId }: { projectId: string }) {
  const [rows, setRows] = useState<Rows>({});
  const [showDone, setShowDone] = useState(false);

  useEffect(() => {
    document.title = `Render queue · ${projectId}`;
  }, [projectId]);

  useEffect(() => {
    const ws = new WebSocket(`${wsOrigin()}/ws/jobs?project=${encodeURIComponent(projectId)}`);
    ws.onmessage = (e) => {
      const msg = safeJson<JobFrame>(e.data);
      if (msg) setRows((prev) => applyJobFrame(prev, msg));
    };
    return () => ws.close();
  }, [projectId]);

  const visible = useMemo(
    () => Object.values(rows).filter((r) => showDone || r.state !== 'done'),
    [rows, showDone],
  );

  return (
    <section>
      <label>
        <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} />
        Show finished
      </label>
      <ul>
        {visible.map((r) => (
          <li key={r.id} className={`job job--${r.state}`}>
            {r.id} {r.percent}% {r.error && <span title={r.error}>⚠</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
