import { Injectable } from '@angular/core';
import { BehaviorSubject } from 'rxjs';

enum PresenceEvent {
  JOINED = 'peer_joined',
  LEFT = 'peer_left',
  IDLE = 'peer_idle',
}

interface PresenceFrame {
  event: PresenceEvent;
  peer: { id: string; name: string };
}

@Injectable({ providedIn: 'root' })
export class PresenceService {
  readonly peers = new BehaviorSubject<string[]>([]);
  private ws?: WebSocket;

  watch(room: string): void {
    this.ws = new WebSocket(`wss://${location.host}/api/presence/?room=${encodeURIComponent(room)}`);
    this.ws.onmessage = (ev: MessageEvent<string>) => {
      let frame: PresenceFrame;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      const names = this.peers.value;
      if (frame.event === PresenceEvent.JOINED) {
        this.peers.next([...names, frame.peer.name]);
      } else if (frame.event === PresenceEvent.LEFT) {
        this.peers.next(names.filter((n) => n !== frame.peer.name));
      }
    };
  }

  leave(): void {
    this.ws?.close();
  }
}
