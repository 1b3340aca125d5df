// Opened by the embedding page (`window.followLive('?board=3')`), never by this app's own code.
export function followLive(query: string): WebSocket {
  const socket = new WebSocket(`/api/live${query}`);
  socket.onmessage = (e: MessageEvent<string>) => {
    try {
      const m = JSON.parse(e.data) as { type: string };
      if (m.type === 'board_changed') window.dispatchEvent(new CustomEvent('board'));
    } catch {
      // not JSON: ignored
    }
  };
  socket.onclose = () => console.info('live feed closed');
  return socket;
}

declare global {
  interface Window {
    followLive: typeof followLive;
  }
}
window.followLive = followLive;
