// The shell is served next to the page: a path relative to the page's URL.
export function openShell(sessionId, onOutput) {
  const socket = new WebSocket(`api/shell?session=${sessionId}`);
  socket.onmessage = (e) => {
    let frame;
    try {
      frame = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (frame.Op === 'stdout') onOutput(frame.Data);
    else if (frame.Op === 'toast') console.warn(frame.Data);
  };
  return () => socket.close();
}
