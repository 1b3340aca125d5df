import { alarmsChannel, dockChannel, pickingChannel, robotsChannel } from '@/realtime/FloorChannel';

export interface Session {
  user: string;
  token: string;
}

let current: Session | null = null;

/** After login: every floor channel this console shows opens with the user's token. */
export function startFloor(session: Session): void {
  current = session;
  pickingChannel.connect(session.token);
  dockChannel.connect(session.token);
  robotsChannel.connect(session.token);
  alarmsChannel.connect(session.token);
}

export function currentUser(): string | null {
  return current?.user ?? null;
}
