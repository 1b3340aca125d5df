// Not a socket: an in-page store whose `subscribe` registers a listener.
type Toast = { id: number; text: string };
type ToastListener = (toasts: Toast[]) => void;

export const Toasts = {
  items: [] as Toast[],
  listeners: new Set<ToastListener>(),
  subscribe(listener: ToastListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  },
  push(text: string): void {
    this.items = [...this.items, { id: Date.now(), text }];
    this.listeners.forEach((l) => l(this.items));
  },
};

export const Prefs = {
  load(key: string): string | null {
    return localStorage.getItem(`prefs:${key}`);
  },
  save(key: string, value: string): void {
    localStorage.setItem(`prefs:${key}`, value);
  },
};
