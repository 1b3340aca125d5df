// Runner metrics (CPU, queue depth) for the capacity charts. The stream service is ours but
// deployed on its own, so its base URL comes from the environment (VITE_WS_URL, no path).

export interface Sample {
  runner: string;
  cpu: number;
  queued: number;
  at: number;
}

const series = new Map<string, Sample[]>();
const WINDOW = 120;

function record(sample: Sample): void {
  const list = series.get(sample.runner) ?? [];
  list.push(sample);
  if (list.length > WINDOW) list.shift();
  series.set(sample.runner, list);
}

export function openMetrics(): WebSocket {
  const socket = new WebSocket(import.meta.env.VITE_WS_URL + '/stream/metrics');
  socket.binaryType = 'arraybuffer';
  socket.addEventListener('message', (ev) => {
    if (typeof ev.data !== 'string') return; // binary frames are the old protobuf format
    try {
      const msg = JSON.parse(ev.data);
      if (msg.type === 'sample') record(msg.sample);
      else if (msg.type === 'reset') series.clear();
    } catch (err) {
      console.warn('[metrics] bad frame', err);
    }
  });
  return socket;
}

export function samplesFor(runner: string): readonly Sample[] {
  return series.get(runner) ?? [];
}
