/** Message types of the legacy session socket (both directions). */
export const MESSAGE_TYPES = {
  AUTH: 'auth',
  AUTH_OK: 'auth_ok',
  AUTH_FAILED: 'auth_failed',
  SESSION_REVOKED: 'session_revoked',
  LOGOUT: 'logout',
} as const;

export type MessageType = (typeof MESSAGE_TYPES)[keyof typeof MESSAGE_TYPES];

/** Events of the status socket. */
export enum EventType {
  SYSTEM_STATUS = 'system_status',
  MAINTENANCE_WINDOW = 'maintenance_window',
  MAINTENANCE_CANCELLED = 'maintenance_cancelled',
  // sent by the server since 4.2, not surfaced in the UI yet
  LICENSE_EXPIRING = 'license_expiring',
}

/** Numeric on the wire (payload.severity); decides how loud the status bar is. */
export enum Severity {
  Info,
  Minor,
  Major,
  Critical,
}

export function severityLabel(severity: Severity): string {
  switch (severity) {
    case Severity.Critical:
      return 'critical';
    case Severity.Major:
      return 'major';
    case Severity.Minor:
      return 'minor';
    default:
      return 'info';
  }
}

export const SESSION_IDLE_MS = 30 * 60_000;
