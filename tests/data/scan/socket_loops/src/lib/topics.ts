// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (msg: any) => void;

/** Opens a socket per topic it is given, all sharing one handler. */
export function openTopics(topics: string[], onMessage: Handler): () => void {
  const open: WebSocket[] = [];
  for (const topic of topics) {
    const ws = new WebSocket(`/ws/topics/${topic}`);
    ws.onmessage = (e) => onMessage(JSON.parse(e.data));
    open.push(ws);
  }
  return () => open.forEach((ws) => ws.close());
}
