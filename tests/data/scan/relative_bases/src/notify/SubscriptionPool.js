import Subscription from "./Subscription";

class SubscriptionPool {
  constructor() {
    this.subscriptions = new Map();
    this.listeners = [];
  }

  refresh(wanted, user) {
    const ids = wanted.map((s) => `${s.server}|${s.channel}`);
    for (const [id, sub] of this.subscriptions) {
      if (!ids.includes(id)) {
        sub.close();
        this.subscriptions.delete(id);
      }
    }
    wanted.forEach((s) => {
      const id = `${s.server}|${s.channel}`;
      if (this.subscriptions.has(id)) {
        return;
      }
      const sub = new Subscription(
        id,
        s.server,
        s.channel,
        user?.token,
        s.lastId,
        (subId, message) => this.listeners.forEach((l) => l(subId, message)),
        (subId, state) => console.log(`[SubscriptionPool] ${subId}: ${state}`)
      );
      this.subscriptions.set(id, sub);
      sub.open();
    });
  }

  onMessage(listener) {
    this.listeners.push(listener);
  }
}

export const subscriptionPool = new SubscriptionPool();
