export const CHAT_URL = `wss://${location.host}/ws/chat`;

export interface ChatFrame {
  kind: "said" | "joined";
  text?: string;
  user: string;
}

export function openChat(onFrame: (frame: ChatFrame) => void, url: string = CHAT_URL): WebSocket {
  const ws = new WebSocket(url);
  ws.onmessage = (e) => {
    const frame = JSON.parse(e.data) as ChatFrame;
    if (frame.kind === "said" || frame.kind === "joined") onFrame(frame);
  };
  return ws;
}
