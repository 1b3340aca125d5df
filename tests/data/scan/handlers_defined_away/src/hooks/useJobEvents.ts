import { useEffect, useRef, useState } from 'react';
import { wsUrl } from '../lib/ws';
import type { JobEvent, JobSummary } from '../types/messages';

/** Live state of the build jobs of one project. */
export function useJobEvents(projectId: string) {
  const [jobs, setJobs] = useState<Record<string, JobSummary>>({});
  const [lastError, setLastError] = useState<string | null>(null);

  function onEvent(e: MessageEvent<string>) {
    let parsed: JobEvent;
    try {
      parsed = JSON.parse(e.data);
    } catch {
      return;
    }
    const msg = parsed;
    if (msg.op === 'job_started') {
      setJobs((prev) => ({ ...prev, [msg.jobId]: { id: msg.jobId, state: 'running', startedAt: msg.at } }));
    } else if (msg.op === 'job_finished') {
      setJobs((prev) => ({ ...prev, [msg.jobId]: { ...prev[msg.jobId], state: 'done', finishedAt: msg.at } }));
    } else if (msg.op === 'job_failed') {
      setJobs((prev) => ({ ...prev, [msg.jobId]: { ...prev[msg.jobId], state: 'failed', finishedAt: msg.at } }));
      setLastError(msg.error);
    }
  }

  // The socket lives as long as the project; through the ref it always calls the latest onEvent.
  const handlerRef = useRef(onEvent);
  handlerRef.current = onEvent;

  useEffect(() => {
    setJobs({});
    setLastError(null);
    const socket = new WebSocket(wsUrl(`/ws/jobs/${projectId}`));
    socket.onmessage = (e) => handlerRef.current(e);
    return () => socket.close();
  }, [projectId]);

  return { jobs, lastError };
}
