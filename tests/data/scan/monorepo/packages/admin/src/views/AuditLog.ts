import { auditUrl } from '@/lib/audit';

export function watchAudit(render: (line: string) => void): WebSocket {
  const ws = new WebSocket(auditUrl('admins'));
  ws.onmessage = (e) => {
    const entry = JSON.parse(e.data);
    switch (entry.action) {
      case 'grant':
      case 'revoke':
        render(`${entry.action} ${entry.subject}`);
        break;
    }
  };
  return ws;
}
