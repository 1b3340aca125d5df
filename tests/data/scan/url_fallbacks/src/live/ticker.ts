import { render } from "../lib/render";

// no .env sets VITE_LIVE_URL: the default is where the socket goes
const live = new WebSocket(import.meta.env.VITE_LIVE_URL || `wss://${window.location.host}/ws/live`);
live.onmessage = (event) => {
  const msg = JSON.parse(event.data);
  if (msg.kind === "tick") render(msg.at);
};
