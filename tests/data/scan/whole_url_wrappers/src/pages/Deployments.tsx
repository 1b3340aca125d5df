import { useCallback, useEffect, useState } from 'react';
import { WS_BASE, FEATURES } from '../config';
import { createTransport } from '../realtime/transport';
import { useStream } from '../realtime/useStream';

interface Deploy {
  id: string;
  service: string;
  env: 'staging' | 'production';
  ok?: boolean;
}

type DeployState = 'running' | 'live' | 'failed' | 'rolled_back';

interface QueueFrame {
  type: 'queue_depth' | 'runner_idle';
  depth?: number;
  runner?: string;
}

export function Deployments() {
  const [deploys, setDeploys] = useState<Record<string, Deploy & { state: DeployState }>>({});
  const [queueDepth, setQueueDepth] = useState(0);
  const [idle, setIdle] = useState<string[]>([]);

  const upsert = useCallback((d: Deploy, state: DeployState) => {
    setDeploys((prev) => ({ ...prev, [d.id]: { ...d, state } }));
  }, []);

  useEffect(() => {
    const transport = createTransport(`${WS_BASE}/ws/deployments`);
    const offStarted = transport.on<Deploy>('deploy_started', (d) => upsert(d, 'running'));
    const offFinished = transport.on<Deploy>('deploy_finished', (d) => upsert(d, d.ok ? 'live' : 'failed'));
    const offRolledBack = transport.on<Deploy>('deploy_rolled_back', (d) => upsert(d, 'rolled_back'));
    return () => {
      offStarted();
      offFinished();
      offRolledBack();
      transport.close();
    };
  }, [upsert]);

  useStream<QueueFrame>({ url: `${WS_BASE}/ws/queue`, onMessage: onQueueFrame });

  function onQueueFrame(frame: QueueFrame) {
    if (frame.type === 'queue_depth') setQueueDepth(frame.depth ?? 0);
    else if (frame.type === 'runner_idle' && frame.runner) setIdle((prev) => [...new Set([...prev, frame.runner!])]);
  }

  const rows = Object.values(deploys).filter((d) => FEATURES.deployApprovals || d.env !== 'production');

  return (
    <section>
      <header>
        Queue: {queueDepth} · idle runners: {idle.length}
      </header>
      <table>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} className={`deploy deploy--${d.state}`}>
              <td>{d.service}</td>
              <td>{d.env}</td>
              <td>{d.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
