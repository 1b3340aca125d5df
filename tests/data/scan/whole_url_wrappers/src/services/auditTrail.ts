import { WS_BASE } from '../config';
import { createTransport, type Transport } from '../realtime/transport';

export interface AuditEntry {
  actor: string;
  verb: string;
  subject: string;
  at: string;
}

const entries: AuditEntry[] = [];
let transport: Transport | null = null;

/** Started once from main.ts for admins; the audit drawer reads `auditEntries()`. */
export function startAuditTrail(): void {
  if (transport) return;
  transport = createTransport(`${WS_BASE}/ws/audit`);
  transport.on<AuditEntry>('entry', (entry) => {
    entries.unshift(entry);
    if (entries.length > 1000) entries.pop();
  });
  transport.on<{ href: string }>('export_ready', ({ href }) => {
    window.open(href, '_blank', 'noopener');
  });
}

export function stopAuditTrail(): void {
  transport?.close();
  transport = null;
}

export function auditEntries(): readonly AuditEntry[] {
  return entries;
}
