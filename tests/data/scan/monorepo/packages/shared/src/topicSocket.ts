// One socket per topic; both apps use it through their own alias.
export function openTopic(topic: string, onFrame: (frame: { type: string }) => void): WebSocket {
  const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws/${topic}`);
  ws.onmessage = (e) => {
    try {
      onFrame(JSON.parse(e.data));
    } catch {
      /* a bad frame is dropped */
    }
  };
  return ws;
}
