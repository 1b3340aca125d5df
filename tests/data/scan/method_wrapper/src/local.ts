import { Api } from './api';

export function watchAlerts(host: string) {
  const client = new Api('wss://' + host);
  const alerts = client.open('/ws/alerts');
  alerts.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'alert_raised') console.log(m); };
}

export function shadowed(client: { open(p: string): void }) {
  client.open('/ws/not-a-wrapper-call');
}
