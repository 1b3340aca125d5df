import { safeJson, wsOrigin } from '../../lib/safeJson';
import type { ChatFrame } from '../../types/realtime';

export interface ChatLine {
  user: string;
  text: string;
  at: number;
}

/** Plain mutable state; ChatPanel re-renders on `version` through useSyncExternalStore. */
export const chatState = {
  room: '',
  connected: false,
  online: new Set<string>(),
  typing: new Set<string>(),
  lines: [] as ChatLine[],
  version: 0,
};

let socket: WebSocket | null = null;
const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

export function openChat(room: string): void {
  socket?.close();
  chatState.room = room;
  socket = new WebSocket(`${wsOrigin()}/ws/chat?room=${encodeURIComponent(room)}`);
  socket.addEventListener('open', onSocketEvent);
  socket.addEventListener('message', onSocketEvent);
  socket.addEventListener('close', onSocketEvent);
}

export function say(text: string): void {
  socket?.send(JSON.stringify({ event: 'say', text }));
}

// One listener for the whole lifecycle: the branches on `event.type` are DOM event names
// ('open', 'message', 'close'), not chat events.
function onSocketEvent(event: Event): void {
  if (event.type === 'open') {
    chatState.connected = true;
  } else if (event.type === 'message') {
    const data = safeJson<ChatFrame>((event as MessageEvent).data);
    if (data) handleChatFrame(data);
  } else if (event.type === 'close') {
    chatState.connected = false;
  }
  chatState.version++;
}

function handleChatFrame(data: ChatFrame): void {
  if (data.event === 'joined') {
    chatState.online.add(data.user);
  } else if (data.event === 'left') {
    chatState.online.delete(data.user);
    chatState.typing.delete(data.user);
  } else if (data.event === 'typing') {
    markTyping(data.user);
  } else if (data.event === 'said') {
    chatState.lines = [...chatState.lines, { user: data.user, text: data.text ?? '', at: data.at }];
  }
}

function markTyping(user: string): void {
  chatState.typing.add(user);
  clearTimeout(typingTimers.get(user));
  typingTimers.set(
    user,
    setTimeout(() => {
      chatState.typing.delete(user);
      chatState.version++;
    }, 4000),
  );
}
