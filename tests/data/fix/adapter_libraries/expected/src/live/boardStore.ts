import { openLegacySarus } from '../services/legacySocket';

type Listener = (event: MessageEvent<string>) => void;

/** One reconnecting socket per board; the store hands each message to its subscribers. */
export function subscribeBoard(boardId: string, onMessage: Listener): () => void {
  const sarus = openLegacySarus({
    url: `/ws/boards/${boardId}`,
    eventListeners: {
      open: [() => console.debug('board stream open', boardId)],
      message: [onMessage],
    },
  });
  return () => sarus.disconnect();
}
