// Where the back end lives; the dev server proxies /live and /feeds.
export const apiOrigin = (): string => window.location.origin;

export function socketOrigin(): string {
  return apiOrigin().replace(/^http/, 'ws');
}
