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
