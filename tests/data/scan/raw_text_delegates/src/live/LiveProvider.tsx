import { ReactNode, useEffect, useRef } from 'react';
import { socketOrigin } from '../lib/env';
import { traceFrame } from '../lib/debug';
import { resetLiveStore, routeFrame } from './liveStore';

export function LiveProvider({ children }: { children: ReactNode }) {
  const socketRef = useRef<WebSocket | null>(null);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const closing = useRef(false);

  useEffect(() => {
    closing.current = false;

    function open() {
      if (closing.current) return;
      const ws = new WebSocket(`${socketOrigin()}/live`);
      socketRef.current = ws;

      ws.onopen = () => {
        ws.send(JSON.stringify({ channel: 'hello', body: null }));
      };

      ws.onmessage = (event: MessageEvent) => {
        traceFrame(event.data as string);
        routeFrame(event.data as string);
      };

      ws.onclose = () => {
        if (!closing.current) retry.current = setTimeout(open, 3000);
      };
    }

    open();
    return () => {
      closing.current = true;
      if (retry.current) clearTimeout(retry.current);
      socketRef.current?.close();
      resetLiveStore();
    };
  }, []);

  return <>{children}</>;
}
