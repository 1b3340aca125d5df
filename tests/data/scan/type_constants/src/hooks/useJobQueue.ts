import { useEffect, useState } from 'react';
import { IS_DEV } from '../lib/env';
import type { QueuedJob, QueueMessage } from '../types/messages';

/** Jobs waiting in one named queue of the build service. */
export function useJobQueue(queueName: string) {
  const [jobs, setJobs] = useState<QueuedJob[]>([]);
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    // The queue service predates the TLS gateway.
    const ws = new WebSocket('ws://' + window.location.host + '/ws/queue');

    const handlers: Record<string, (msg: QueueMessage) => void> = {
      job_queued: (msg) => msg.job && setJobs((prev) => [...prev, msg.job as QueuedJob]),
      job_dequeued: (msg) => setJobs((prev) => prev.filter((j) => j.id !== msg.jobId)),
      queue_paused: () => setPaused(true),
      queue_resumed: () => setPaused(false),
    };

    ws.onopen = () => ws.send(JSON.stringify({ type: 'watch', queue: queueName }));
    ws.onmessage = (event: MessageEvent<string>) => {
      let msg: QueueMessage;
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      if (msg.type in handlers) {
        handlers[msg.type]?.(msg);
      } else if (IS_DEV) {
        console.debug(`queue ${queueName}: no handler for`, msg.type);
      }
    };

    return () => ws.close();
  }, [queueName]);

  return { jobs, paused };
}
