export function openSyncSocket(onPong: (at: number) => void): WebSocket {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/sync`);
  ws.onmessage = (event) => {
    const frame = JSON.parse(event.data);
    if (frame.kind === 'pong') onPong(frame.at);
    else if (frame.kind === 'entity_changed') document.dispatchEvent(new CustomEvent('sync'));
  };
  return ws;
}
