import { useEffect, useRef } from 'react';
import { StreamHub } from './streamHub';

/** The rows of one board channel, as the hub streams them. */
export function useBoardStream<T>(board: string, channel: string, onRows: (rows: T[]) => void, filter = '') {
  const latest = useRef(onRows);
  latest.current = onRows;

  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    StreamHub.subscribe(board, channel, filter, (data) => latest.current(data as T[])).then((cleanup) => {
      if (live) stop = cleanup;
      else cleanup();
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [board, channel, filter]);
}
