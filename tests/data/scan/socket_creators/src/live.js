import LiveSocket from '~/lib/LiveSocket';
import Poller from '~/lib/Poller';

// the page's own scheme and host, made a socket's: `ws:` for `http:`, `wss:` for `https:`
const live = new LiveSocket(() => {
  const base = `ws${document.baseURI.substr(4)}`;
  return new WebSocket(`${base}api/live`);
});

// noise: a class handed a callback that opens no socket
export const health = new Poller(() => fetch('/api/health').then((r) => r.json()), 30000);

export default live;
