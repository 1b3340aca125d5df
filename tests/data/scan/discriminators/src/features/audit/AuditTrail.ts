import { safeJson, wsOrigin } from '../../lib/safeJson';
import type { AuditFrame } from '../../types/realtime';

export interface AuditRow {
  actor: string;
  action: string;
  target?: string;
  at: Date;
}

const MAX_ROWS = 500;

/**
 * Admin audit feed. Rows are kept here and announced with a window event so the
 * (still jQuery) admin table can redraw without knowing about the socket.
 */
export class AuditTrail {
  private ws: WebSocket | null = null;
  readonly rows: AuditRow[] = [];

  start(): void {
    if (this.ws) return;
    this.ws = new WebSocket(wsOrigin() + '/ws/audit');
    this.ws.onmessage = (e) => this.handleFrame(e);
    this.ws.onerror = () => console.warn('[audit] socket error');
  }

  stop(): void {
    this.ws?.close();
    this.ws = null;
  }

  private handleFrame(e: MessageEvent): void {
    const payload = safeJson<AuditFrame>(e.data);
    if (!payload) return;
    if (payload.action === 'grant' || payload.action === 'revoke') {
      window.dispatchEvent(new CustomEvent('permissions:stale', { detail: payload.target }));
    }
    if (payload.action !== 'login') {
      this.rows.unshift({ actor: payload.actor, action: payload.action, target: payload.target, at: new Date(payload.at) });
      this.rows.length = Math.min(this.rows.length, MAX_ROWS);
      window.dispatchEvent(new CustomEvent('audit:row'));
    }
  }
}

export const auditTrail = new AuditTrail();
