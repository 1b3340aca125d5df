import { NOTIFICATIONS_PATH, HEARTBEAT_MS } from '../../config/realtime';
import { wsBase } from '../../lib/urls';

declare global {
  interface Window {
    /** Rendered into index.html by the server. */
    __SESSION__?: { user: string; roles: string[] };
  }
}

export interface Toast {
  title: string;
  level: 'info' | 'warn';
}

const toasts: Toast[] = [];
let heartbeat: ReturnType<typeof setInterval> | undefined;

export function openNotifications(): WebSocket {
  const ws = new WebSocket(wsBase() + NOTIFICATIONS_PATH);
  ws.addEventListener('message', onNotification);
  ws.addEventListener('open', () => {
    heartbeat = setInterval(() => ws.send('{"type":"ping"}'), HEARTBEAT_MS);
  });
  ws.addEventListener('close', () => clearInterval(heartbeat));
  return ws;
}

function onNotification(e: MessageEvent<string>): void {
  let msg: { type: string; title?: string; level?: Toast['level'] };
  try {
    msg = JSON.parse(e.data);
  } catch {
    return;
  }
  if (msg.type === 'toast') toasts.push({ title: msg.title ?? '', level: msg.level ?? 'info' });
  if (msg.type === 'dismiss_all') toasts.length = 0;
}

// Admins get the operator channel (runner drain/resume); everyone else the user channel.
export function openSessionChannel(): WebSocket {
  const isAdmin = window.__SESSION__?.roles.includes('admin') ?? false;
  const ws = new WebSocket(wsBase() + (isAdmin ? '/ws/admin' : '/ws/user'));
  ws.onmessage = (e) => {
    try {
      const msg = JSON.parse(e.data);
      switch (msg.type) {
        case 'session_expired':
          location.assign('/login?expired=1');
          break;
        case 'role_changed':
          location.reload();
          break;
      }
    } catch {
      /* not JSON: ignore */
    }
  };
  return ws;
}

export function pendingToasts(): readonly Toast[] {
  return toasts;
}
