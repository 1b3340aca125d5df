const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';

export const WS_BASE = `${scheme}://${window.location.host}/proxy`;
