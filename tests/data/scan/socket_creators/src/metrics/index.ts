import { Feed } from './Feed';

const metricsUrl = (path: string): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;

export const metrics = new Feed({
  label: 'metrics',
  open: () => new WebSocket(metricsUrl('/ws/metrics')),
});
