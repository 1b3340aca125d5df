import { useEffect, useState } from 'react';
import { tailJobLog, type LogLine } from '../live/jobLogs';
import { Toasts } from '../state/toasts';

export function JobLog({ jobId }: { jobId: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);

  useEffect(() => {
    setLines([]);
    return tailJobLog(jobId, (line) => setLines((prev) => [...prev, line]), () => Toasts.push(`job ${jobId} done`));
  }, [jobId]);

  return <pre>{lines.map((l) => `${l.at} ${l.text}`).join('\n')}</pre>;
}
