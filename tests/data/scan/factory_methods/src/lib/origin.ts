// Where the API lives; the socket URLs are derived from it.
export function apiBase(): string {
  return `${window.location.origin}/api`;
}

export function asSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}
