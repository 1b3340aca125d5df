import { create } from 'zustand';

interface ChatState {
  ws: WebSocket | null;
  unread: number;
  open: (room: string) => void;
  markRead: () => void;
}

export const useChatStore = create<ChatState>()((set) => ({
  ws: null,
  unread: 0,
  open: (room) => {
    const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/ws/chat?room=${room}`);
    ws.onopen = () => set({ unread: 0 });
    ws.onclose = () => set({ ws: null });
    set({ ws });
  },
  markRead: () => set({ unread: 0 }),
}));
