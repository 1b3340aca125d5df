import { subscribeBoard } from './boardStore';

const moves: string[] = [];

/** The main board's moves, for the side panel. */
export const stopFollowing = subscribeBoard('main', (event) => {
  const msg = JSON.parse(event.data);
  if (msg.type === 'card_moved') moves.push(msg.payload.card);
});

export const recentMoves = (): string[] => moves.slice(-5);
