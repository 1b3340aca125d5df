import { useEffect, useState } from 'react';
import { receiveMessage, wsUrl } from '../lib/ws';
import type { Notification, NotificationMessage } from '../types/messages';

interface NotificationsPanelProps {
  onUnreadChange?: (count: number) => void;
}

export function NotificationsPanel({ onUnreadChange }: NotificationsPanelProps) {
  const [items, setItems] = useState<Notification[]>([]);
  const [expanded, setExpanded] = useState(false);

  function onWsMessage(message: NotificationMessage) {
    switch (message.type) {
      case 'notification_created':
        setItems((prev) => [message.notification, ...prev]);
        break;
      case 'notification_read':
        setItems((prev) => prev.map((n) => (n.id === message.id ? { ...n, read: true } : n)));
        break;
      case 'notifications_cleared':
        setItems([]);
        break;
    }
  }

  useEffect(() => {
    fetch('/api/notifications?unread=1', { credentials: 'include' })
      .then((r) => r.json() as Promise<Notification[]>)
      .then(setItems)
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    onUnreadChange?.(items.filter((n) => !n.read).length);
  }, [items, onUnreadChange]);

  useEffect(() => {
    const ws = new WebSocket(wsUrl('/ws/notifications'));
    ws.onmessage = receiveMessage(onWsMessage);
    return () => {
      // stop reacting once the panel is gone
      ws.onmessage = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const markAllRead = async () => {
    await fetch('/api/notifications/read-all', { method: 'POST', credentials: 'include' });
    setItems((prev) => prev.map((n) => ({ ...n, read: true })));
  };

  return (
    <aside className="notifications">
      <button onClick={() => setExpanded((v) => !v)}>Notifications ({items.length})</button>
      {expanded && (
        <>
          <button onClick={markAllRead}>Mark all read</button>
          <ul>
            {items.map((n) => (
              <li key={n.id} className={n.read ? 'read' : ''}>
                {n.title}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
