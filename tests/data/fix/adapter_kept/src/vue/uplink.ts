import { shallowRef } from 'vue';

import { useChannel } from './useChannel';

// the flight plan's uplink: opened once, written to whenever the plan changes
const socket = shallowRef<WebSocket | null>(null);

export function connectUplink(): void {
  const { ws } = useChannel('/ws/uplink');
  socket.value = ws.value!;
}

export function pushPlan(plan: unknown): void {
  socket.value?.send(JSON.stringify(plan));
}
