import { useEffect, useState } from 'react';
import { useConveyorFeed } from '../hooks/useAreaFeed';

type Belt = { belt: string; speed: number };

/** Green while the conveyor feed is live and no belt has jammed. */
export function ConveyorLight() {
  const { subscribe, isConnected } = useConveyorFeed();
  const [jammed, setJammed] = useState<string[]>([]);
  useEffect(() => {
    subscribe('belt_jammed', (belt: Belt) => setJammed((list) => [...list, belt.belt]));
    subscribe('belt_cleared', (belt) => setJammed((list) => list.filter((b) => b !== belt.belt)));
  }, [subscribe]);
  const ok = isConnected && jammed.length === 0;
  return <span className={ok ? 'green' : 'red'}>{jammed.join(', ') || 'running'}</span>;
}
