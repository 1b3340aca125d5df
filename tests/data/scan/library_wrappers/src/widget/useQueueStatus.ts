// Support-queue widget: a small Vue island that the help centre mounts from widget/main.ts,
// built separately from the React app but sharing lib/.
import { computed, ref } from 'vue';
import { useWebSocket } from '@vueuse/core';
import { wsUrl } from '../lib/urls';

type QueueFrame =
  | { type: 'position'; position: number; etaSeconds?: number }
  | { type: 'agents'; count: number }
  | { type: 'served' };

function parseFrame(raw: unknown): QueueFrame | null {
  if (typeof raw !== 'string') return null;
  try {
    return JSON.parse(raw) as QueueFrame;
  } catch {
    return null;
  }
}

export function useQueueStatus() {
  const position = ref<number | null>(null);
  const eta = ref<number | null>(null);
  const agentsOnline = ref(0);

  const { status, send, close } = useWebSocket(wsUrl('/ws/support-queue'), {
    autoReconnect: { retries: 5, delay: 2000 },
    heartbeat: { message: 'ping', interval: 30_000 },
    onMessage(_ws, event) {
      const msg = parseFrame(event.data);
      if (!msg) return;
      if (msg.type === 'position') {
        position.value = msg.position;
        eta.value = msg.etaSeconds ?? null;
      } else if (msg.type === 'agents') {
        agentsOnline.value = msg.count;
      } else if (msg.type === 'served') {
        position.value = 0;
      }
    },
  });

  // `status` is the connection state of the composable, not a frame field.
  const waiting = computed(() => status.value === 'OPEN' && (position.value ?? 0) > 0);

  function leave() {
    send(JSON.stringify({ type: 'leave' }));
    close();
  }

  return { position, eta, agentsOnline, waiting, leave };
}
