import { useCallback, useEffect, useState } from 'react';

type ConsoleFrame =
  | { type: 'stdout'; text: string }
  | { type: 'stderr'; text: string }
  | { type: 'exit'; code: number };

interface Props {
  namespace: string;
  pod: string;
}

/** Opens a shell into a pod when the user asks; the socket lives in state until it closes. */
export function PodConsole({ namespace, pod }: Props) {
  const [socket, setSocket] = useState<WebSocket | null>(null);
  const [lines, setLines] = useState<string[]>([]);

  useEffect(() => {
    if (!socket) return undefined;
    socket.onmessage = (e: MessageEvent<string>) => {
      let frame: ConsoleFrame;
      try {
        frame = JSON.parse(e.data) as ConsoleFrame;
      } catch {
        return;
      }
      if (frame.type === 'stdout' || frame.type === 'stderr') {
        setLines((all) => [...all, frame.text]);
      } else if (frame.type === 'exit') {
        socket.close();
      }
    };
    return () => socket.close();
  }, [socket]);

  const connect = useCallback(() => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    setSocket(new WebSocket(`${scheme}://${window.location.host}/api/pods/${namespace}/${pod}/shell`));
  }, [namespace, pod]);

  return (
    <section>
      <button type="button" onClick={connect} disabled={socket !== null}>
        Connect
      </button>
      <pre>{lines.join('\n')}</pre>
    </section>
  );
}
