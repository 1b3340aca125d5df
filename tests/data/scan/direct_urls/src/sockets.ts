import { wsUrl } from './url';

const WS_BASE: string = (import.meta as any).env.VITE_WS_BASE;

function localUrl(path: string) {
  return `${WS_BASE}${path}`;
}

export function openAll(token: string) {
  const health = new WebSocket('/ws/health');
  const dns = new WebSocket(
    `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/dns_management?token=${token}`,
  );
  const security = new WebSocket(WS_BASE + '/ws/security');
  const url = '/ws/system';
  const system = new WebSocket(url);
  const admin = new WebSocket(wsUrl('/ws/admin'));
  const metrics = new window.WebSocket('ws://localhost:8000/ws/metrics');
  const prices = new globalThis.WebSocket('wss://feeds.example.com/v1/prices?symbols=EUR');
  const user = new WebSocket(`${WS_BASE}/ws/notifications/${encodeURIComponent(token)}`);
  const local = new WebSocket(localUrl('/ws/audit'));
  const sockets = [health, dns, security, system, admin, metrics, prices, user, local];
  for (const s of sockets) {
    s.onmessage = (e) => console.log(JSON.parse(e.data));
  }
  return sockets;
}
