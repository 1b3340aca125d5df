// a scheme seeded on an object, the host and path appended with +=
const addr = { ws: "ws://" };
addr.ws += location.host + "/term/events";
export const events = new WebSocket(addr.ws);
events.onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (m.event === "resize") window.dispatchEvent(new Event("resize"));
};

// near miss: the property is set by a function the socket's code does not run through
const later = { url: "" };
export function configure(host) {
  later.url = `wss://${host}/term/audit`;
}
export function openAudit() {
  return new WebSocket(later.url);
}
