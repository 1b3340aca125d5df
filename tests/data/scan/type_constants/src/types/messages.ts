import type { EventType, Severity } from '../realtime/constants';

export interface SessionUser {
  id: string;
  name: string;
  roles: string[];
}

export interface SessionMessage {
  type: string;
  user?: SessionUser;
  reason?: string;
}

export type SystemState = 'ok' | 'degraded' | 'down';

export type StatusMessage =
  | { type: EventType.SYSTEM_STATUS; payload: { state: SystemState; severity: Severity } }
  | { type: EventType.MAINTENANCE_WINDOW; payload: { from: string; to: string } }
  | { type: EventType.MAINTENANCE_CANCELLED; payload: null };

export interface QueuedJob {
  id: string;
  name: string;
  enqueuedAt: string;
}

export interface QueueMessage {
  type: string;
  job?: QueuedJob;
  jobId?: string;
}
