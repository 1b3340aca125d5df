import { webSocket } from 'rxjs/webSocket';
import { filter, map } from 'rxjs/operators';
import { wsUrl } from '../lib/urls';

interface MetricFrame {
  event: string;
  host: string;
  value: number;
}

const metrics$ = webSocket<MetricFrame>(wsUrl('/ws/metrics'));

// Streams per metric: the filter is where the frames are told apart.
export const cpu$ = metrics$.pipe(
  filter((frame) => frame.event === 'cpu_load'),
  map((frame) => frame.value),
);

export const disk$ = metrics$.pipe(
  filter((frame) => frame.event === 'disk_used' || frame.event === 'disk_free'),
  // after the map the values are numbers: nothing here is a message type
  map((frame) => ({ host: frame.host, v: frame.value })),
  filter((point) => point.v > 0),
);

// the notebook channel: rxjs's webSocket given a config object rather than a URL
const notebookChannel = webSocket<{ op: string; data?: unknown }>({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/notebook`,
  openObserver: { next: () => console.debug('notebook channel open') },
});

export function watchNotebook(onNote: (data: unknown) => void): () => void {
  const sub = notebookChannel.subscribe((m) => {
    if (m.op === 'NOTE') onNote(m.data);
    else if (m.op === 'NOTES_INFO') onNote(null);
  });
  return () => sub.unsubscribe();
}
