import { hostMetrics } from '../lib/metrics';

export function watchHost(): () => void {
  hostMetrics.start();
  return () => hostMetrics.stop();
}
