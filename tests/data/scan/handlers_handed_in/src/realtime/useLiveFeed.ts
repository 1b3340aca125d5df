import { useEffect, useState } from 'react';
import { wsUrl } from '../lib/ws';

export interface LiveFeedOptions<T> {
  /** Called with every decoded frame. */
  onMessage: (msg: T) => void;
  /** Do not open the socket, e.g. while the page is hidden behind a modal. */
  paused?: boolean;
}

export type FeedStatus = 'connecting' | 'open' | 'closed';

/** A read-only feed: the caller decides what each frame means. */
export function useLiveFeed<T = unknown>(path: string, opts: LiveFeedOptions<T>) {
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [received, setReceived] = useState(0);

  useEffect(() => {
    if (opts.paused) return undefined;
    const socket = new WebSocket(wsUrl(path));
    socket.onopen = () => setStatus('open');
    socket.onclose = () => setStatus('closed');
    socket.onmessage = (e: MessageEvent<string>) => {
      setReceived((n) => n + 1);
      opts.onMessage(JSON.parse(e.data));
    };
    return () => socket.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, opts.paused]);

  return { status, received };
}
