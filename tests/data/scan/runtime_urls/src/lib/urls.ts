/**
 * URL helpers. The realtime gateway is always same-origin: in dev Vite proxies `/ws` and
 * `/stream` to the local gateway (see vite.config.ts), in production nginx does.
 */
export function wsBase(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`;
}

/** `buildWebSocketUrl('compile')` → `wss://ci.example.internal/ws/compile` */
export function buildWebSocketUrl(name: string): string {
  return `${wsBase()}/ws/${name}`;
}

export function apiUrl(path: string, query?: Record<string, string>): string {
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  return `/api/v2${path}${qs}`;
}

const LEADING_SLASHES = /^\/+/;
const TRAILING_SLASHES = /\/+$/;

/** The app may be served under a prefix (`/tools/ci/`): glue it to a path with one slash. */
export function joinPath(prefix: string, path: string): string {
  const head = prefix.replace(TRAILING_SLASHES, '').replace(LEADING_SLASHES, '');
  const tail = path.replace(TRAILING_SLASHES, '').replace(LEADING_SLASHES, '');
  if (head.length === 0) {
    return tail;
  }
  return `${head}/${tail}`;
}
