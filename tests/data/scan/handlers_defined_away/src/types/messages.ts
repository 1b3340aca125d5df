// Frames the legacy sockets deliver. Some variants exist on the server but are not
// handled by this client yet.

export type Metric = 'temp' | 'rpm';

export type TelemetryFrame =
  | { type: 'telemetry_sample'; deviceId: string; values: Record<Metric, number> }
  | { type: 'device_offline' | 'device_online'; deviceId: string }
  | { type: 'device_rebooted'; deviceId: string; uptime: number };

export interface JobSummary {
  id: string;
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt?: string;
}

export type JobEvent =
  | { op: 'job_started'; jobId: string; at: string }
  | { op: 'job_finished'; jobId: string; at: string }
  | { op: 'job_failed'; jobId: string; at: string; error: string };

export interface PresenceUser {
  id: string;
  name: string;
  avatarUrl?: string;
}

export type PresenceMessage =
  | { type: 'user_joined'; user: PresenceUser }
  | { type: 'user_left' | 'user_idle'; userId: string };

export interface Notification {
  id: string;
  title: string;
  read: boolean;
  createdAt: string;
}

export type NotificationMessage =
  | { type: 'notification_created'; notification: Notification }
  | { type: 'notification_read'; id: string }
  | { type: 'notifications_cleared' };

export type ShareEvent =
  | { kind: 'room'; viewers: number }
  | { kind: 'viewer_joined' | 'viewer_left'; viewers: number; name: string }
  | { kind: 'share_ended' };
