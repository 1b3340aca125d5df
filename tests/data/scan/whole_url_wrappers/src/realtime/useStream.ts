import { useEffect, useRef, useState } from 'react';

export type StreamStatus = 'idle' | 'connecting' | 'open' | 'closed';

export interface StreamOptions<T> {
  /** Full socket URL, built by the caller. */
  url: string;
  onMessage: (msg: T) => void;
  enabled?: boolean;
}

/**
 * Minimal JSON stream: opens `url`, hands every parsed frame to `onMessage`, closes on
 * unmount or when the URL changes. Reconnects are the caller's business.
 */
export function useStream<T = unknown>({ url, onMessage, enabled = true }: StreamOptions<T>): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('idle');
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    if (!enabled) return;
    setStatus('connecting');
    const ws = new WebSocket(url);
    ws.onopen = () => setStatus('open');
    ws.onclose = () => setStatus('closed');
    ws.onmessage = (e) => {
      let msg: T;
      try {
        msg = JSON.parse(e.data) as T;
      } catch {
        return;
      }
      handler.current(msg);
    };
    return () => ws.close();
  }, [url, enabled]);

  return status;
}
