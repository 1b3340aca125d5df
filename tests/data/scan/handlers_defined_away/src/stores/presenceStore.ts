import { useSyncExternalStore } from 'react';
import type { PresenceUser } from '../types/messages';

type Listener = () => void;

export interface PresenceEntry extends PresenceUser {
  idle: boolean;
}

export class PresenceStore {
  private users = new Map<string, PresenceEntry>();
  private snapshot: PresenceEntry[] = [];
  private listeners = new Set<Listener>();

  add(user: PresenceUser): void {
    this.users.set(user.id, { ...user, idle: false });
    this.emit();
  }

  remove(userId: string): void {
    if (this.users.delete(userId)) this.emit();
  }

  markIdle(userId: string): void {
    const entry = this.users.get(userId);
    if (!entry) return;
    this.users.set(userId, { ...entry, idle: true });
    this.emit();
  }

  clear(): void {
    this.users.clear();
    this.emit();
  }

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): PresenceEntry[] => this.snapshot;

  private emit(): void {
    this.snapshot = [...this.users.values()];
    this.listeners.forEach((fn) => fn());
  }
}

export const presenceStore = new PresenceStore();

export function usePresence(): PresenceEntry[] {
  return useSyncExternalStore(presenceStore.subscribe, presenceStore.getSnapshot);
}
