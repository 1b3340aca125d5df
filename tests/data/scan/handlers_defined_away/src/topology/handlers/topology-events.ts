import { Injectable } from '@angular/core';

import { TopologyStore } from '../topology-store';

export interface TopologyEvent {
  action: string;
  event: { id: string; name?: string };
}

/** Applies the server's topology notifications to the store. */
@Injectable({ providedIn: 'root' })
export class TopologyEvents {
  constructor(private readonly store: TopologyStore) {}

  apply(message: TopologyEvent): void {
    if (message.action === 'node.created') {
      this.store.addNode(message.event);
    } else if (message.action === 'node.deleted') {
      this.store.removeNode(message.event.id);
    } else if (message.action === 'link.updated') {
      this.store.touchLink(message.event.id);
    }
  }
}
