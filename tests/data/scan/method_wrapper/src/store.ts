import { Api } from './api';

export class DnsStore {
  private api = new Api('wss://' + location.host);

  watch() {
    const zones = this.api.open('/ws/zones');
    zones.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'zone_added') console.log(m); };
  }
}

export class AdminStore {
  private client: Api;
  constructor() {
    this.client = new Api('wss://' + location.host);
  }
  watch() {
    const admin = this.client.open('/ws/users');
    admin.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'user_added') console.log(m); };
  }
  other() {
    this.missing.open('/ws/never');
  }
}
