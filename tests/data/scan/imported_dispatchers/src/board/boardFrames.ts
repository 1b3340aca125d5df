import type { BoardStore } from "./store";

// Given the socket first (to answer pings) and the raw event second.
export function applyBoardFrame(ws: WebSocket, e: MessageEvent<string>, store: BoardStore): void {
  const msg = JSON.parse(e.data);
  switch (msg.op) {
    case "ping":
      ws.send(JSON.stringify({ op: "pong" }));
      break;
    case "card_moved":
      store.move(msg.card, msg.column);
      break;
    case "card_added":
      store.add(msg.card);
      break;
  }
}
