import { greenhouseFeed } from "../api/feed";
import { FeedEvent, PanelEvent } from "../api/feed-events";

export interface LiveCollection<T> {
  subscribe(onChange: (value: T) => void): () => void;
  resync(): void;
}

type Reducers<T> = { [event: string]: (current: T | undefined, payload: any) => T };

/** A value kept up to date from the feed: each entry of `reducers` folds one frame name in. */
export const createLiveCollection = <T>(reducers: Reducers<T>): LiveCollection<T> => {
  let value: T | undefined;
  const watchers = new Set<(value: T) => void>();

  for (const [event, reduce] of Object.entries(reducers)) {
    greenhouseFeed.on(event, (payload) => {
      if (event !== FeedEvent.SNAPSHOT && value === undefined) return;
      value = reduce(value, payload);
      watchers.forEach((w) => w(value as T));
    });
  }

  return {
    subscribe(onChange) {
      watchers.add(onChange);
      greenhouseFeed.connect();
      if (value !== undefined) onChange(value);
      return () => watchers.delete(onChange);
    },
    resync() {
      greenhouseFeed.send({ event: PanelEvent.RESYNC });
    },
  };
};

/** Registers every handler of `table` on the feed, by its key. */
export function watchFeed(table: Record<string, (payload: any) => void>): () => void {
  const offs: (() => void)[] = [];
  for (const name in table) {
    offs.push(greenhouseFeed.on(name, table[name]));
  }
  return () => offs.forEach((off) => off());
}
