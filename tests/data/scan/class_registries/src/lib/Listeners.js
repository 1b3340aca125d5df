/** A list of callbacks, each called with every value handed to `notifyAll`. */
export default class Listeners {
  constructor() {
    this.callbacks = {}
  }

  addListener(callback) {
    const id = Symbol('listener')
    this.callbacks[id] = callback
    return id
  }

  removeListener(id) {
    delete this.callbacks[id]
  }

  notifyAll(value) {
    Object.getOwnPropertySymbols(this.callbacks).forEach((id) => this.callbacks[id](value))
  }
}
