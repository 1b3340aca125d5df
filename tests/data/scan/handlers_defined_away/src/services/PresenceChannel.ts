import { isOpen, wsUrl } from '../lib/ws';
import { presenceStore, type PresenceStore } from '../stores/presenceStore';
import type { PresenceMessage } from '../types/messages';

export type OwnStatus = 'active' | 'away';

/** Who else is looking at the workspace. One channel per tab. */
export class PresenceChannel {
  private readonly ws: WebSocket;

  constructor(private readonly store: PresenceStore) {
    this.onMessage = this.onMessage.bind(this);
    this.onClose = this.onClose.bind(this);
    this.ws = new WebSocket(wsUrl('/ws/presence'));
    this.ws.onmessage = this.onMessage;
    this.ws.onclose = this.onClose;
  }

  announce(status: OwnStatus): void {
    if (isOpen(this.ws)) {
      this.ws.send(JSON.stringify({ type: 'set_status', status }));
    }
  }

  dispose(): void {
    this.ws.close(1000, 'tab closed');
  }

  private onMessage(event: MessageEvent<string>): void {
    const message: PresenceMessage = JSON.parse(event.data);
    switch (message.type) {
      case 'user_joined':
        this.store.add(message.user);
        break;
      case 'user_left':
        this.store.remove(message.userId);
        break;
      case 'user_idle':
        this.store.markIdle(message.userId);
        break;
      default:
        break;
    }
  }

  private onClose(event: CloseEvent): void {
    // the list is stale once we are disconnected; the next page load starts over
    this.store.clear();
    if (event.code !== 1000) console.info('presence channel closed', event.code, event.reason);
  }
}

let instance: PresenceChannel | null = null;

export function getPresenceChannel(): PresenceChannel {
  if (!instance) instance = new PresenceChannel(presenceStore);
  return instance;
}
