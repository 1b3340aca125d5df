import { Injectable } from '@angular/core';

@Injectable({ providedIn: 'root' })
export class TopologyStore {
  private nodes = new Map<string, { id: string; name?: string }>();

  addNode(node: { id: string; name?: string }): void {
    this.nodes.set(node.id, node);
  }

  removeNode(id: string): void {
    this.nodes.delete(id);
  }

  touchLink(id: string): void {
    console.debug('link', id);
  }
}
