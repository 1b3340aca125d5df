/** Commands go up the socket, acknowledgements come back on it. */
export function openCommands(onAck: (id: string) => void) {
  const ws = new WebSocket('/ws/commands');
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'ack') onAck(m.payload.id);
  };
  return { run: (cmd: string) => ws.send(JSON.stringify({ type: 'run', cmd })) };
}
