import { useEffect, useRef, useState } from 'react';
import { LOG_BUFFER_LINES } from '../../config/realtime';

interface LogFrame {
  type: 'line' | 'truncated' | 'eof';
  text?: string;
  dropped?: number;
}

export function LogTail({ follow = true }: { follow?: boolean }) {
  const [lines, setLines] = useState<string[]>([]);
  const [ended, setEnded] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/logs`);
    ws.onmessage = (event) => {
      let frame: LogFrame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        frame = { type: 'line', text: String(event.data) };
      }
      switch (frame.type) {
        case 'line':
          setLines((prev) => [...prev, frame.text ?? ''].slice(-LOG_BUFFER_LINES));
          break;
        case 'truncated':
          setLines((prev) => [...prev, `… ${frame.dropped ?? '?'} lines dropped …`]);
          break;
        case 'eof':
          setEnded(true);
          break;
      }
    };
    return () => ws.close();
  }, []);

  useEffect(() => {
    if (follow) bottom.current?.scrollIntoView({ block: 'end' });
  }, [lines, follow]);

  return (
    <pre className="log-tail">
      {lines.join('\n')}
      {ended && <em>— end of log —</em>}
      <div ref={bottom} />
    </pre>
  );
}
