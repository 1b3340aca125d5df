import { useChatStore } from '../stores/useChatStore';

// outside React: the chat socket read from the store's state once it is open
export function watchMentions(me: string, notify: (text: string) => void): void {
  const socket = useChatStore.getState().ws;
  if (!socket) return;
  socket.onmessage = (e: MessageEvent) => {
    let data;
    try {
      data = JSON.parse(e.data);
    } catch {
      return;
    }
    if (data.event === 'mention' && data.user === me) notify(data.text);
    else if (data.event === 'dm') notify(`${data.from}: ${data.text}`);
  };
}
