import { useWebSocket } from '@vueuse/core';
import { watch, type Ref } from 'vue';

/** A service's log, a line per message; the status while the page is open. */
export function useLiveLog(service: string, onLine: (line: string) => void): Ref<string> {
  const { data, status } = useWebSocket<string>(`/ws/logs/${service}`, {
    autoReconnect: { retries: 5, delay: 1000 },
  });
  watch(data, (line) => {
    if (line !== null) onLine(line);
  });
  return status;
}
