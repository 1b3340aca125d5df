import { useEffect, useState } from 'react';
import { useMarketStore } from '../stores/useMarketStore';

// the replay is a server-sent event stream of the same store: no message of the market socket
export function ReplayBar() {
  const replay = useMarketStore((state) => state.replay);
  const status = useMarketStore((state) => state.status);
  const [at, setAt] = useState('');

  useEffect(() => {
    if (!replay) return;
    const onTick = (e: MessageEvent) => {
      const tick = JSON.parse(e.data);
      if (tick.type === 'replay_tick') setAt(tick.at);
    };
    replay.addEventListener('message', onTick);
    return () => replay.removeEventListener('message', onTick);
  }, [replay]);

  return <div className={status}>{at}</div>;
}
