// Checks that a socket endpoint answers; the URL is asked for when the probe runs.
export class Probe {
  private readonly opts: { url: () => string; timeoutMs: number };

  constructor(opts: { url: () => string; timeoutMs?: number }) {
    this.opts = { ...opts, timeoutMs: opts.timeoutMs ?? 5000 };
  }

  run(): Promise<boolean> {
    return new Promise((resolve) => {
      const ws = new WebSocket(this.opts.url());
      const timer = setTimeout(() => resolve(false), this.opts.timeoutMs);
      ws.onopen = () => {
        clearTimeout(timer);
        ws.close();
        resolve(true);
      };
      ws.onerror = () => resolve(false);
    });
  }
}
