import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import { WS_BASE } from '../config';
import { useStream } from '../realtime/useStream';

type StepState = 'running' | 'ok' | 'failed';

interface BuildFrame {
  type: 'log' | 'step_started' | 'step_finished' | 'build_done';
  step?: string;
  line?: string;
  ok?: boolean;
}

const MAX_LINES = 5000;

export default function BuildPage() {
  const { id = '' } = useParams<{ id: string }>();
  const [lines, setLines] = useState<string[]>([]);
  const [steps, setSteps] = useState<Record<string, StepState>>({});
  const [result, setResult] = useState<boolean | null>(null);

  const handleBuildMessage = useCallback((msg: BuildFrame) => {
    switch (msg.type) {
      case 'log':
        setLines((prev) => [...prev.slice(-(MAX_LINES - 1)), msg.line ?? '']);
        break;
      case 'step_started':
        setSteps((prev) => ({ ...prev, [msg.step ?? '?']: 'running' }));
        break;
      case 'step_finished':
        setSteps((prev) => ({ ...prev, [msg.step ?? '?']: msg.ok ? 'ok' : 'failed' }));
        break;
      case 'build_done':
        setResult(Boolean(msg.ok));
        break;
    }
  }, []);

  const status = useStream<BuildFrame>({
    url: `${WS_BASE}/ws/build/${id}`,
    onMessage: handleBuildMessage,
    enabled: id !== '',
  });

  return (
    <main>
      <h1>
        Build #{id} {result === null ? '…' : result ? '✔' : '✘'}
      </h1>
      {status === 'closed' && result === null && <p className="banner">Connection lost — refresh to resume.</p>}
      <ol className="steps">
        {Object.entries(steps).map(([name, state]) => (
          <li key={name} className={`step step--${state}`}>{name}</li>
        ))}
      </ol>
      <pre className="log">{lines.join('\n')}</pre>
    </main>
  );
}
