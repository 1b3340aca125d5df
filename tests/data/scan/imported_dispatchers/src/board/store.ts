export interface BoardStore {
  move(card: string, column: string): void;
  add(card: string): void;
}

export const boardStore: BoardStore = {
  move: (card, column) => console.log("move", card, column),
  add: (card) => console.log("add", card),
};
