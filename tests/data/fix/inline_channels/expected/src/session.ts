import { alarmsChannel, robotsChannel } from '@/realtime/FloorChannel';
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

export interface Session {
  user: string;
  token: string;
}

let current: Session | null = null;

/** After login: every floor channel this console shows opens with the user's token. */
export function startFloor(session: Session): void {
  current = session;
  void websocketService.connect(session.token);
  void websocketService.subscribe([EventType.PICK_ASSIGNED, EventType.PICK_DONE]);
  void websocketService.subscribe([EventType.TRUCK_ARRIVED]);
  robotsChannel.connect(session.token);
  alarmsChannel.connect(session.token);
}

export function currentUser(): string | null {
  return current?.user ?? null;
}
