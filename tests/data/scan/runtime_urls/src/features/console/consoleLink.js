// The operator console talks to the gateway on the page's own origin: swap the
// scheme of the base URI (`http://…/` → `ws://…/`, `https://…/` → `wss://…/`).
export function openConsole(onLine) {
  const socket = new WebSocket(`ws${document.baseURI.substr(4)}api/console`);
  socket.onmessage = ({ data }) => {
    let line;
    try {
      line = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (line.type === 'stdout' || line.type === 'stderr') onLine(line.text);
  };
  return () => socket.close();
}
