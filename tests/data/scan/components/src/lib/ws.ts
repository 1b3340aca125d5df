/** Socket URL on the page's own host, `wss:` when the page is served over HTTPS. */
export function wsUrl(path: string): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}${path}`;
}

export function tryParse<T>(raw: unknown): T | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

export const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' });
