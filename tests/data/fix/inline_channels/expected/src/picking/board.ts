import { websocketService } from '../services/websocket';
import { EventType } from '../types/websocket';

export interface Pick {
  id: string;
  bin: string;
  picker?: string;
}

/** Picks waiting, by id; done picks leave. */
export const board = new Map<string, Pick>();

function assigned(pick: Pick): void {
  board.set(pick.id, pick);
}

export function watchPicking(): void {
  websocketService.on(EventType.PICK_ASSIGNED, (data: any) => assigned(data));
  websocketService.on(EventType.PICK_DONE, ((done: { id: string }) => {
    board.delete(done.id);
  }) as (data: any) => void);
}

/** Shown in the header: whether the board is live. */
export function pickingLive(): boolean {
  return websocketService.isConnected();
}
