// Printer status over SockJS (the server speaks SockJS, with its HTTP fallbacks).
import SockJS from 'sockjs-client'

const listeners = []

export function onPrinterStatus(fn) {
  listeners.push(fn)
}

export function connectPrinter(apiBase) {
  const sock = new SockJS(`${apiBase}/sockjs`)
  sock.onmessage = (e) => {
    let frame
    try {
      frame = JSON.parse(e.data)
    } catch (err) {
      return
    }
    if (frame.kind === 'status') listeners.forEach((fn) => fn(frame.payload))
    else if (frame.kind === 'job_done') listeners.forEach((fn) => fn(null))
  }
  return sock
}
