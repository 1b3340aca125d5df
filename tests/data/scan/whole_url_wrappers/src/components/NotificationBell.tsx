import { useState } from 'react';
import { WS_BASE } from '../config';
import { useCustomWebsocket } from '../realtime/useCustomWebsocket';

interface NotificationFrame {
  type: 'notification' | 'unread_count' | 'cleared';
  count?: number;
  title?: string;
}

// Local helper: WS_BASE may come with a trailing slash from the staging env file.
function wsUrl(path: string): string {
  return WS_BASE.replace(/\/$/, '') + path;
}

export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const [latest, setLatest] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  const { readyState, send } = useCustomWebsocket<NotificationFrame>(wsUrl('/ws/notifications'), {
    reconnect: true,
    onMessage: handleFrame,
  });

  function handleFrame(msg: NotificationFrame) {
    if (msg.type === 'unread_count') {
      setUnread(msg.count ?? 0);
    } else if (msg.type === 'notification') {
      setUnread((n) => n + 1);
      setLatest(msg.title ?? null);
    } else if (msg.type === 'cleared') {
      setUnread(0);
      setLatest(null);
    }
  }

  const markRead = () => {
    send({ type: 'mark_all_read' });
    setOpen(false);
  };

  return (
    <div className="bell">
      <button onClick={() => setOpen((o) => !o)} disabled={readyState !== WebSocket.OPEN}>
        🔔 {unread > 0 && <span className="bell__badge">{unread}</span>}
      </button>
      {open && (
        <div className="bell__menu">
          <p>{latest ?? 'Nothing new'}</p>
          <button onClick={markRead}>Mark all read</button>
        </div>
      )}
    </div>
  );
}
