import { asSocketUrl } from "../lib/origin";

/** What the server pushes on a collection socket. */
export interface ChangeFrame {
  change: "inserted" | "patched" | "dropped";
  collection: string;
  row: { id: number; [field: string]: unknown };
}

export type Listener = (row: ChangeFrame["row"], what: string) => void;

/** One socket on one collection (or one row of it). */
function watchOne(base: string, collection: string, listener: Listener, rowId?: number): () => void {
  const url = rowId === undefined ? `${base}/live/${collection}` : `${base}/live/${collection}/${rowId}`;
  const socket = new WebSocket(asSocketUrl(url));
  socket.onmessage = (event: MessageEvent<string>) => {
    const frame: ChangeFrame = JSON.parse(event.data);
    if (frame.change === "dropped") {
      listener(frame.row, "removed");
    } else if (frame.change === "patched") {
      listener(frame.row, "updated");
    }
  };
  return () => socket.close();
}

// A factory of live feeds: each function of the object it returns opens sockets on demand.
export const createLiveFeed = (base: string) => ({
  watch: ({ params, listener }: { params?: { collection?: string; rows?: number[] }; listener: Listener }) => {
    const { collection, rows } = params ?? {};
    if (!collection) {
      throw new Error("watch needs a collection");
    }
    if (!rows) {
      return [watchOne(base, collection, listener)];
    }
    return rows.map((id) => watchOne(base, collection, listener, id));
  },
  release(closers: (() => void)[]) {
    closers.forEach((close) => close());
  },
});

// Noise: a factory whose object holds no socket at all.
export function createCounter(start: number) {
  return {
    bump: (by: number) => start + by,
    label: () => `count ${start}`,
  };
}
