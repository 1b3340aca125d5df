import { pickingChannel as picking } from '../realtime/FloorChannel';

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
  picking.on('pick_assigned', assigned);
  picking.on('pick_done', (done: { id: string }) => {
    board.delete(done.id);
  });
}

/** Shown in the header: whether the board is live. */
export function pickingLive(): boolean {
  return picking.isConnected();
}
