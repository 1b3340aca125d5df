// A tiny observer base: whoever holds an instance adds listeners, the instance notifies them.
export default class Notifier {
  constructor() {
    this.listeners = new Map();
    this.nextId = 1;
  }

  addListener(fn) {
    const id = this.nextId++;
    this.listeners.set(id, fn);
    return id;
  }

  removeListener(id) {
    return this.listeners.delete(id);
  }

  notifyAll(value) {
    for (const fn of this.listeners.values()) {
      fn(value);
    }
  }
}
