declare function update(p: unknown): void;

export function ifChain() {
  const ws = new WebSocket('/ws/dns_management');
  ws.onmessage = (event) => {
    const data = JSON.parse(event.data);
    if (data.type === 'zone_updated') {
      update(data.payload);
    } else if ('record_changed' === data.type) {
      update(data.payload);
    } else if (data['type'] == 'zone_deleted') {
      update(data.payload);
    }
  };
  return ws;
}

export function switched() {
  const ws = new WebSocket('/ws/security');
  ws.addEventListener('message', (ev: MessageEvent) => {
    let msg;
    try {
      msg = JSON.parse(ev.data);
    } catch {
      return;
    }
    switch (msg.type) {
      case 'security_alert':
        update(msg.payload);
        break;
      case 'rpz_updated':
        update(msg.payload);
        break;
      default:
        break;
    }
  });
  return ws;
}

export function destructured() {
  const ws = new WebSocket('/ws/admin');
  ws.onmessage = (event) => {
    const { type, payload } = JSON.parse(event.data);
    if (type !== 'user_activity') return;
    update(payload);
  };
  return ws;
}

const healthHandlers: Record<string, (p: unknown) => void> = {
  forwarder_status: update,
  'system_health': update,
};

export function table() {
  const ws = new WebSocket('/ws/health');
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    healthHandlers[msg.type]?.(msg.payload);
  };
  return ws;
}

const systemHandlers = new Map<string, (p: unknown) => void>([
  ['system_metrics', update],
  ['service_status', update],
]);

function route(msg: { type: string; payload: unknown }) {
  if (msg.type === 'bind_reload') update(msg.payload);
  systemHandlers.get(msg.type)?.(msg.payload);
}

export function viaLocalFunction() {
  const ws = new WebSocket('/ws/system');
  ws.onmessage = handleSystem;
  return ws;
}

function handleSystem(event: MessageEvent) {
  route(JSON.parse(event.data));
}
