import { api } from './api';
export function start() {
  const dns = api.open('/ws/dns_management');
  dns.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'record_changed') console.log(m); };
}
