const sockets: WebSocket[] = [];

/** A socket for each alert stream; the retries are counted, not reconnected here. */
export function watchAlerts(log: (line: string) => void): void {
  ['system', 'security'].forEach((stream) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws/alerts/${stream}`);
    ws.onmessage = (event) => log(`${stream}: ${event.data}`);
    sockets.push(ws);
  });
  [1, 2, 3].forEach((n) => log(`retry budget ${n}`)); // no socket here
}
