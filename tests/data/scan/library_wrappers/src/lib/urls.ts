// Evaluated lazily: services/collab.ts is also imported by the Node prerender script.

export function wsOrigin(): string {
  const secure = window.location.protocol === 'https:';
  return `${secure ? 'wss' : 'ws'}://${window.location.host}`;
}

export function wsUrl(path: string): string {
  return wsOrigin() + path;
}

export function apiUrl(path: string): string {
  return `/api${path}`;
}
