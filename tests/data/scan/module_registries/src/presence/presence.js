import { remember } from "../realtime/router";

// Presence pings: each frame is only remembered by id, not told apart.
const presence = new WebSocket(`wss://${window.location.host}/ws/presence`);
presence.onmessage = (event) => {
  const msg = JSON.parse(event.data);
  remember(msg);
};
