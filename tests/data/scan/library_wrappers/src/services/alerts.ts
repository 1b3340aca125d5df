import { createSocket } from '../lib/createSocket';
import { wsUrl } from '../lib/urls';

export interface Alert {
  id: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
}

export const activeAlerts = new Map<string, Alert>();
export const onlineUsers = new Set<string>();

function readJson(e: MessageEvent) {
  try {
    return JSON.parse(e.data);
  } catch {
    return null;
  }
}

function onAlert(e: MessageEvent): void {
  const msg = readJson(e);
  if (!msg) return;
  if (msg.type === 'alert_fired') activeAlerts.set(msg.alert.id, msg.alert);
  if (msg.type === 'alert_resolved') activeAlerts.delete(msg.id);
  document.dispatchEvent(new CustomEvent('alerts:changed'));
}

export const alertsSocket = createSocket(wsUrl('/ws/alerts'));
alertsSocket.addEventListener('message', onAlert);

export function startPresence(): () => void {
  const socket = createSocket(wsUrl('/ws/presence'), { maxRetries: Infinity });
  socket.onmessage = (e) => {
    const msg = readJson(e);
    switch (msg?.type) {
      case 'online':
        onlineUsers.add(msg.user);
        break;
      case 'offline':
        onlineUsers.delete(msg.user);
        break;
    }
  };
  return () => socket.close();
}
