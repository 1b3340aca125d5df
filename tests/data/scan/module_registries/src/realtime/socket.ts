import { onMessage, route, type Envelope } from "./router";
import { BUILD_FAILED } from "./events";
import { showToast } from "../builds/toast";

onMessage("build_started", (data) => showToast(`Build ${data.id} started`));
onMessage(BUILD_FAILED, (data) => showToast(`Build ${data.id} failed`, "error"));

export function connectBuilds(): WebSocket {
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/builds`);
  ws.addEventListener("message", (e: MessageEvent<string>) => {
    let msg: Envelope;
    try {
      msg = JSON.parse(e.data);
    } catch {
      return;
    }
    route(msg);
  });
  return ws;
}
