// The admin console's live channels (Create React App: process.env at build time).
const origin = window.location.origin.replace(/^http/, 'ws');

export function openAdmin(onEvent) {
  const ws = new WebSocket(origin + process.env.REACT_APP_ADMIN_WS);
  ws.onmessage = (e) => {
    const data = JSON.parse(e.data);
    if (data.action === 'user_banned' || data.action === 'user_restored') onEvent(data);
  };
  return ws;
}

export function openAudit() {
  // no .env sets this one: the base is a run-time value, the path is still known
  return new WebSocket(process.env.REACT_APP_AUDIT_HOST + '/ws/audit');
}
