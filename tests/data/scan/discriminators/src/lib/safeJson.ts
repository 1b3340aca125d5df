/**
 * Frames from the realtime gateway are JSON, except the plain-text keepalives ("ping")
 * the old nginx module injects. Anything that is not JSON is dropped quietly.
 */
export function safeJson<T>(raw: unknown): T | null {
  if (typeof raw !== 'string') return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    if (import.meta.env.DEV && raw !== 'ping') {
      console.debug('[realtime] dropped non-JSON frame', raw.slice(0, 80));
    }
    return null;
  }
}

/** `wss://host` on HTTPS pages, `ws://host` on the dev server. */
export function wsOrigin(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}`;
}
