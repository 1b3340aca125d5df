// Owners are found by position among the file's functions: siblings before a socket, a
// function alone as a statement, closures inside closures, and code after all of them.
import { useEffect } from 'react';

function first() { return 1; }
const second = () => { return 2; };
() => 3;

export function useTopic(topic: string) {
  function helper() { return topic.length; }
  const inner = () => helper();
  useEffect(() => {
    const onOpen = () => { const unused = () => 0; return unused; };
    const ws = new WebSocket(`/ws/${topic}`);
    ws.onopen = onOpen;
    return () => ws.close();
  }, [topic]);
  return inner;
}

export class Feed {
  private ws: WebSocket | null = null;
  size() { return 0; }
  open(path: string) {
    const later = () => this.size();
    this.ws = new WebSocket(path + '?v=1');
    return later;
  }
}

// a socket that ends where its function ends
export const useQuick = (t: string) => new WebSocket('/ws/' + t);
export const useLive = () => new WebSocket('/ws/live');

export function Alerts() {
  useTopic('alerts');
  useQuick('quick');
  return null;
}

const top = new WebSocket('/ws/top');
top.onmessage = () => first() + second();

// nothing here calls it (a page template does): its socket is still a connection of the app,
// its endpoint keeping the match id; `Feed.open(path)` above, the whole path a parameter, stays
// a wrapper nobody calls
export function openScores(matchId: string) {
  const ws = new WebSocket(`/ws/scores/${matchId}`);
  ws.onmessage = (e) => {
    if (JSON.parse(e.data).type === 'goal') first();
  };
  return ws;
}
