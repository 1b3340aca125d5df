import { useCallback, useRef, useState } from 'react';

import type { ShareEvent } from '../types/messages';

// A screen-share room: the socket is kept in a ref for the "leave" button and, in the same
// statement, in a local the handlers are set on.
export function useShareRoom() {
  const conn = useRef<WebSocket | undefined>(undefined);
  const [viewers, setViewers] = useState(0);

  const join = useCallback((roomId: string) => {
    return new Promise<void>((resolve) => {
      const ws = (conn.current = new WebSocket(`${location.origin.replace('http', 'ws')}/ws/share/${roomId}`));
      ws.onmessage = (frame) => {
        const event: ShareEvent = JSON.parse(frame.data);
        switch (event.kind) {
          case 'room':
            resolve();
            setViewers(event.viewers);
            return;
          case 'viewer_joined':
          case 'viewer_left':
            setViewers(event.viewers);
            return;
        }
      };
    });
  }, []);

  const leave = useCallback(() => conn.current?.close(1000, 'left'), []);
  return { join, leave, viewers };
}
