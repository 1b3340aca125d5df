type Handler = (payload: unknown) => void;

// type -> handler, a plain object filled at run time by addMessageHandler
const messageHandlers: { [type: string]: Handler } = {};
// status code -> text shown to the user: a table of texts, no handlers
const statusLabels: Record<string, string> = {};

export function addMessageHandler(type: string, fn: Handler): void {
  if (messageHandlers[type]) throw new Error(`duplicate handler ${type}`);
  messageHandlers[type] = fn;
}

export function addStatusLabel(code: string, text: string): void {
  statusLabels[code] = text;
}

export function openSession(): WebSocket {
  const ws = new WebSocket(`wss://${window.location.host}/session/`);
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    // near miss: a label looked up as a value, `statusLabels[msg.status] || msg.status`
    document.title = statusLabels[msg.status] || msg.status;
    const fn = messageHandlers[msg.type];
    if (fn) fn(msg.data);
  };
  return ws;
}
