import { useEffect, useState } from 'react';
import { buildWebSocketUrl } from '../../lib/urls';

interface JobState {
  id: string;
  state: 'pending' | 'running' | 'passed' | 'failed';
}

function decode<T>(raw: string): T | null {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function JobsPanel() {
  const [jobs, setJobs] = useState<Record<string, JobState>>({});
  const [compileErrors, setCompileErrors] = useState<string[]>([]);
  const [compiling, setCompiling] = useState(false);

  // Job transitions.
  useEffect(() => {
    const url = new URL('/ws/jobs', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url.toString());
    ws.onmessage = (e) => {
      const msg = decode<{ type: string; job: JobState }>(e.data);
      if (!msg) return;
      if (msg.type === 'job_update' || msg.type === 'job_created') {
        setJobs((prev) => ({ ...prev, [msg.job.id]: msg.job }));
      } else if (msg.type === 'job_deleted') {
        setJobs(({ [msg.job.id]: _gone, ...rest }) => rest);
      }
    };
    return () => ws.close();
  }, []);

  // Incremental compiler diagnostics for the pipeline editor.
  useEffect(() => {
    const ws = new WebSocket(buildWebSocketUrl('compile'));
    ws.onmessage = (e) => {
      const msg = decode<{ type: string; errors?: string[] }>(e.data);
      if (msg?.type === 'compile_started') setCompiling(true);
      if (msg?.type === 'diagnostics') {
        setCompiling(false);
        setCompileErrors(msg.errors ?? []);
      }
    };
    return () => ws.close();
  }, []);

  const failed = Object.values(jobs).filter((j) => j.state === 'failed').length;

  return (
    <aside>
      <h3>Jobs ({Object.keys(jobs).length}, {failed} failed)</h3>
      {compiling ? <p>Compiling…</p> : compileErrors.map((err) => <p key={err} className="err">{err}</p>)}
    </aside>
  );
}
