import useWebSocket from 'react-use-websocket';
import { useRef, useState } from 'react';
import { useLegacyWebSocket } from '../services/legacyHooks';

const base = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

/**
 * One link to the ground station per stream. The URL comes later, from `open(path)`: the
 * callers pick the stream; frames go to `onFrame`, and a caller may send on its link.
 */
export function useLink<T>(onFrame: (frame: T) => void) {
  const [url, setUrl] = useState<string | null>(null);
  const frameRef = useRef(onFrame);
  frameRef.current = onFrame; // the latest callback, without reopening

  const link = useLegacyWebSocket(url, {
    share: true,
    shouldReconnect: () => true,
    reconnectAttempts: 20,
    onMessage: (event: MessageEvent) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'frame') {
        frameRef.current(msg.payload as T);
      }
    },
  }, undefined, useWebSocket);

  const open = (path: string) => setUrl(`${base()}${path}`);
  const close = () => setUrl(null);
  return { open, close, sendJsonMessage: link.sendJsonMessage };
}
