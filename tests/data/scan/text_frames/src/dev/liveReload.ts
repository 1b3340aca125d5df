import { RELOAD, REFRESH_CSS } from "./commands";

// The dev server pushes bare words, no JSON: "reload" or "refresh-css".
function refreshStylesheets(): void {
  document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet]").forEach((link) => {
    const url = new URL(link.href);
    url.searchParams.set("t", String(Date.now()));
    link.href = url.toString();
  });
}

export function watchDevServer(port = 35729): WebSocket {
  const ws = new WebSocket(`ws://${location.hostname}:${port}/livereload`);
  ws.onmessage = (event: MessageEvent<string>) => {
    if (event.data === RELOAD) {
      location.reload();
    } else if (event.data === REFRESH_CSS) {
      refreshStylesheets();
    }
  };
  return ws;
}
