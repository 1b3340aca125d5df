/** The page's own origin, as a socket's: `ws:` under `http:`, `wss:` under `https:`. */
export const socketOrigin = (): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

export const apiPath = (path: string): string => `/api/v2${path}`;
