import { joinPath } from '../../lib/urls';

type ReplayFrame = { kind: 'frame'; at: number } | { kind: 'done' };

const REPLAY_PATH = 'stream/replay';

/** Replays a recorded run; the page's query string (`?run=42&speed=2`) goes along as is. */
export class ReplayStream {
  private socket: WebSocket | null = null;

  constructor(private readonly basePath: string, private readonly onFrame: (at: number) => void) {}

  start(): void {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const path = joinPath(this.basePath, REPLAY_PATH);
    this.socket = new WebSocket(`${scheme}://${window.location.host}/${path}${window.location.search}`);
    this.socket.onmessage = (e: MessageEvent<string>) => {
      let frame: ReplayFrame;
      try {
        frame = JSON.parse(e.data) as ReplayFrame;
      } catch {
        return;
      }
      if (frame.kind === 'frame') this.onFrame(frame.at);
      else if (frame.kind === 'done') this.stop();
    };
  }

  stop(): void {
    this.socket?.close();
    this.socket = null;
  }
}
