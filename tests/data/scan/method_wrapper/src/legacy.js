import { Api } from './api';

export class FeedPanel {
  api = new Api('wss://' + location.host);

  start() {
    const feed = this.api.open('/ws/feed');
    feed.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'item_added') console.log(m); };
  }
}
