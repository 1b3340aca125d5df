// Where the dashboard's sockets connect: the page's own origin, as ws(s).
export const WS_BASE = `${window.location.origin.replace(/^http/, 'ws')}/realtime`;
