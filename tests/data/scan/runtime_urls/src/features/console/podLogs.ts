// Log streams under the app's base href (the app may be served from a sub-path).
function baseHref(): string {
  return document.querySelector('base')?.getAttribute('href') ?? '/';
}

export function followPodLogs(pod: string, onLine: (text: string) => void): () => void {
  const url = `${window.location.origin}${baseHref()}api/logs/follow?pod=${encodeURIComponent(pod)}`;
  const socket = new WebSocket(url.replace(/^http/, 'ws'));
  socket.onmessage = (e: MessageEvent<string>) => {
    try {
      const frame = JSON.parse(e.data) as { type: string; text?: string };
      if (frame.type === 'line' && frame.text) onLine(frame.text);
    } catch {
      // a frame that is not JSON: ignored
    }
  };
  return () => socket.close();
}

export function followEvents(onEvent: (name: string) => void): () => void {
  const page = `${window.location.origin}/api/events/follow`;
  // the gateway wants TLS whatever the page uses
  const socket = new WebSocket(`wss://${page.replace(/^https?:\/\//, '')}`);
  socket.onmessage = (e: MessageEvent<string>) => {
    try {
      const frame = JSON.parse(e.data) as { type: string; name: string };
      if (frame.type === 'event') onEvent(frame.name);
    } catch {
      // ignored
    }
  };
  return () => socket.close();
}
