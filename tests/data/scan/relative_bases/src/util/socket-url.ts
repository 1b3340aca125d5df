/**
 * The WebSocket URL of a path relative to the page: the dashboard may be served under a
 * prefix (an ingress), so paths are resolved against the page, never the origin.
 */
export const socketUrlFor = (relative: string): string => {
  const url = new URL(`./${relative}`, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
};

export const assetUrl = (name: string) => new URL(`./static/${name}`, location.href).href;
