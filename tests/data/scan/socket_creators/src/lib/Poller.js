export default class Poller {
  constructor(load, everyMs) {
    this.load = load;
    this.everyMs = everyMs;
    this.timer = null;
  }

  start(onValue) {
    const tick = async () => {
      onValue(await this.load());
      this.timer = setTimeout(tick, this.everyMs);
    };
    tick();
  }

  stop() {
    clearTimeout(this.timer);
  }
}
