import { applyBoardFrame } from "./boardFrames";
import { boardStore } from "./store";

export function openBoard(boardId: string): WebSocket {
  const ws = new WebSocket(`wss://${location.host}/ws/boards?board=${boardId}`);
  ws.onmessage = (e) => applyBoardFrame(ws, e, boardStore);
  return ws;
}
