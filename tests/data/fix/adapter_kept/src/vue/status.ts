import { ref } from 'vue';

import { useChannel } from './useChannel';

const current = ref<WebSocket | null>(null);

/** The link's status line, each time it changes; the socket is kept to close it later. */
export function watchStatus(onStatus: (line: string) => void): void {
  const { ws } = useChannel('/ws/status');
  current.value = ws.value!;
  current.value.onmessage = (event: MessageEvent) => onStatus(String(event.data));
}

export function stopStatus(): void {
  current.value?.close();
  current.value = null;
}
