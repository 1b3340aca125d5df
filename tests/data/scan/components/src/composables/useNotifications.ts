import { computed, onBeforeUnmount, onMounted, ref } from 'vue';
import { tryParse, wsUrl } from '../lib/ws';

export interface AppNotification {
  id: string;
  title: string;
  body?: string;
  read: boolean;
  createdAt: string;
}

type Frame =
  | { type: 'notification'; item: AppNotification }
  | { type: 'read'; ids: string[] }
  | { type: 'cleared' };

/** Notifications of one channel (`orders`, `system`, …), kept for the lifetime of the component. */
export function useNotifications(channel: string) {
  const items = ref<AppNotification[]>([]);
  const unread = computed(() => items.value.filter((n) => !n.read).length);
  let socket: WebSocket | undefined;

  function onMessage(e: MessageEvent) {
    const frame = tryParse<Frame>(e.data);
    if (!frame) return;
    if (frame.type === 'notification') {
      items.value = [frame.item, ...items.value];
    } else if (frame.type === 'read') {
      const ids = new Set(frame.ids);
      items.value = items.value.map((n) => (ids.has(n.id) ? { ...n, read: true } : n));
    } else if (frame.type === 'cleared') {
      items.value = [];
    }
  }

  onMounted(() => {
    socket = new WebSocket(wsUrl(`/ws/notifications/${channel}`));
    socket.onmessage = onMessage;
  });

  onBeforeUnmount(() => socket?.close());

  function markAllRead() {
    socket?.send(JSON.stringify({ type: 'mark_read', ids: items.value.map((n) => n.id) }));
  }

  return { items, unread, markAllRead };
}
