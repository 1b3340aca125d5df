import { endpoints } from "../core/config";

export function followEvents(onKind: (kind: string) => void): () => void {
  const ws = new WebSocket(endpoints().eventsUrl());
  ws.onmessage = (e) => {
    const { kind } = JSON.parse(e.data);
    if (kind === "deployed" || kind === "rolled_back") onKind(kind);
  };
  return () => ws.close();
}
