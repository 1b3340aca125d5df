import { create } from 'zustand';

type Status = 'idle' | 'open' | 'closed';

interface MarketState {
  socket: WebSocket | null;
  replay: EventSource | null;
  status: Status;
  connect: (token: string) => void;
  openReplay: (day: string) => void;
  disconnect: () => void;
}

export const useMarketStore = create<MarketState>((set, get) => ({
  socket: null,
  replay: null,
  status: 'idle',
  connect: (token) => set({ socket: new WebSocket(`/ws/market?token=${token}`), status: 'open' }),
  openReplay: (day) => set({ replay: new EventSource(`/api/replay/${day}`) }),
  disconnect: () => {
    get().socket?.close();
    set({ socket: null, status: 'closed' });
  },
}));
