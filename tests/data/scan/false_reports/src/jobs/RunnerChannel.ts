// A job runner's channel: opened when the runner starts, opened again by the same code when it
// finds the socket closed on a later state change. One socket, re-opened: one connection.
type RunnerFrame = { method: 'progress' | 'finished'; params: { job: string; pct?: number } };

export class RunnerChannel {
  #ws: WebSocket | null = null;
  readonly progress = new Map<string, number>();

  onRunnerState(running: boolean): void {
    if (!running) {
      this.#ws?.close();
      return;
    }
    if (this.#ws === null) {
      this.#ws = this.#open();
      return;
    }
    if (this.#ws.readyState === WebSocket.CLOSED) {
      // dropped while the runner kept going: the same channel again
      this.#ws = this.#open();
    }
  }

  #open(): WebSocket {
    const url = new URL(window.location.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.pathname = '/ws/runner';
    const ws = new WebSocket(url);
    ws.addEventListener('message', (event: MessageEvent<string>) => {
      let frame: RunnerFrame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.method === 'progress') this.progress.set(frame.params.job, frame.params.pct ?? 0);
      else if (frame.method === 'finished') this.progress.delete(frame.params.job);
    });
    return ws;
  }
}
