// Realtime settings shared by the dashboard pages.

export const HEARTBEAT_MS = 25_000;
export const MAX_BACKOFF_MS = 30_000;

/** Per-user notification feed (bell icon, toasts). */
export const NOTIFICATIONS_PATH = '/ws/notifications';

export const LOG_BUFFER_LINES = 5_000;
