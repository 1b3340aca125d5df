import { useEffect, useState } from 'react';
import { useChatStore } from '../stores/useChatStore';
import { useLayoutStore } from '../stores/useLayoutStore';

interface Line { id: string; author: string; text: string }

export function ChatPanel({ room }: { room: string }) {
  const ws = useChatStore((state) => state.ws);
  const open = useChatStore((state) => state.open);
  const tab = useLayoutStore((s) => s.ws);
  const [lines, setLines] = useState<Line[]>([]);
  const [typing, setTyping] = useState<string | null>(null);

  useEffect(() => open(room), [open, room]);

  useEffect(() => {
    if (!ws) return;
    ws.addEventListener('message', (e) => {
      const data = JSON.parse(e.data);
      if (data.event === 'message_posted') setLines((l) => [...l, data.line]);
      if (data.event === 'typing') setTyping(data.author);
    });
  }, [ws]);

  return <aside data-tab={tab}>{typing && <em>{typing} is typing</em>}{lines.map((l) => <p key={l.id}>{l.text}</p>)}</aside>;
}
