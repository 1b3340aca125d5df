import { hub } from "../lib/hub";

export function watchJobs() {
  const ws = new WebSocket("/ws/jobs");
  ws.addEventListener("message", (e) => {
    const m = JSON.parse(e.data);
    if (m.kind === "hello") {
      ws.send(JSON.stringify({ kind: "ready" }));
      return;
    }
    hub.emit(m.kind, m);
  });
  return ws;
}
