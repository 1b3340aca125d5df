// where the UI is served from (a sub-path when behind a proxy)
export const webroot = window.__WEBROOT__ || "/";

export function resolvePath(path) {
  return webroot.replace(/\/$/, "") + path;
}
