// opens a socket at a URL or at a path under the page's origin
export function openSocket(url, onMessage) {
  const full = url.match(/^wss?:\/\//) ? url : window.location.origin.replace(/^http/, "ws") + url;
  const ws = new WebSocket(full);

  ws.onmessage = (e) => onMessage(JSON.parse(e.data));
  ws.onerror = () => ws.close();
  return ws;
}
