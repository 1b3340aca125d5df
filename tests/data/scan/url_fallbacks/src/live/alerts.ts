import { render } from "../lib/render";

const proto = location.protocol === "https:" ? "wss:" : "ws:";
// .env sets VITE_ALERTS_URL: its path, or the default's where a build leaves it unset
const url = import.meta.env.VITE_ALERTS_URL ?? `${proto}//${location.host}/ws/alerts`;

export function openAlerts(): WebSocket {
  const ws = new WebSocket(url);
  ws.addEventListener("message", (e) => {
    const m = JSON.parse(e.data);
    switch (m.level) {
      case "warn":
      case "critical":
        render(m.text);
    }
  });
  return ws;
}
