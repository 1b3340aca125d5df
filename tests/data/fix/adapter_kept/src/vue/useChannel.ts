import { useWebSocket, type UseWebSocketReturn } from '@vueuse/core';

/** A ground-station channel: VueUse's socket, reconnecting, on the page's host. */
export function useChannel<T = string>(path: string): UseWebSocketReturn<T> {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
  return useWebSocket<T>(url, {
    autoReconnect: { retries: 3, delay: 500 },
    immediate: true,
  });
}
