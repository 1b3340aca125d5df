import { create } from 'zustand';

// the workspace tab shown: a number, no socket (its property happens to be called `ws`)
interface LayoutState {
  ws: number;
  setWs: (index: number) => void;
}

export const useLayoutStore = create<LayoutState>((set) => ({
  ws: 0,
  setWs: (index) => set({ ws: index }),
}));
