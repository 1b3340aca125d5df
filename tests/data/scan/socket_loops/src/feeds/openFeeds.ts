// one socket per market feed; the page reads them all
const FEEDS = ['quotes', 'trades'] as const;

export type Feed = (typeof FEEDS)[number];

export function openFeeds(onTick: (feed: Feed, tick: unknown) => void): WebSocket[] {
  return FEEDS.map((feed) => {
    const ws = new WebSocket(`/ws/feeds/${feed}`);
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      if (msg.type === 'tick') onTick(feed, msg.payload);
    };
    return ws;
  });
}
