import { useCallback, useState } from 'react';
import { Terminal } from '@/components/Terminal';
import { Ticker } from '@/components/Ticker';
import { Transfers } from '@/pages/Transfers';
import { apiPath } from '@/net/urls';

export default function NodePage({ nodeId }: { nodeId: string }) {
  const [code, setCode] = useState<number | null>(null);
  const onExit = useCallback((c: number) => setCode(c), []);
  return (
    <main>
      <Terminal socketPath={apiPath(`/nodes/${nodeId}/shell`)} onExit={onExit} />
      <Ticker feed="/ws/ticker" />
      <Transfers />
      {code !== null && <p>exited with {code}</p>}
    </main>
  );
}
