import { useEffect, useState } from 'react';

import { openWatch } from './watchSocket';

export type Change = 'added' | 'modified' | 'deleted';

interface WatchMessage<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: T;
}

/** Calls `onChange` for each change of a resource kind; true while the stream is up. */
export function useWatch<T>(kind: string, onChange: (change: Change, item: T) => void): boolean {
  const [live, setLive] = useState(false);

  useEffect(() => {
    function handleMessage(event: MessageEvent) {
      const { type: operation, object: item } = JSON.parse(event.data) as WatchMessage<T>;
      switch (operation) {
        case 'ADDED':
          onChange('added', item);
          break;
        case 'MODIFIED':
          onChange('modified', item);
          break;
        case 'DELETED':
          onChange('deleted', item);
          break;
        default:
      }
    }
    const socket = openWatch(kind);
    socket.addEventListener('message', handleMessage);
    socket.addEventListener('open', () => setLive(true));
    socket.addEventListener('close', () => setLive(false));
    return () => socket.close();
  }, [kind, onChange]);

  return live;
}
