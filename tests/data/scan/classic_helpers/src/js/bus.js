// A tiny page-local event target. Its `addEventListener(type, key, fn)` mirrors the socket
// handle's, but nothing here is a socket.
export function createBus () {
  const target = new EventTarget()
  const seen = {}
  return {
    addEventListener (type, key, fn) {
      if (!seen[key]) {
        target.addEventListener(type, fn)
        seen[key] = true
      }
    },
    emit (type, detail) {
      target.dispatchEvent(new CustomEvent(type, { detail }))
    },
  }
}
