import { backendUrl, isSecure } from '@/lib/config'

/**
 * One socket for the whole app. Modules register what they do with each event type;
 * the hub looks the handler up by the frame's `type` and calls it with the app context.
 */
export class LiveHub {
  constructor(context) {
    this.context = context
    this.handlers = {}
    this.socket = null
    this.attempts = 0
    this.registerCoreHandlers()
  }

  connect(token) {
    // same host as the API, another scheme and a path of its own
    const raw = backendUrl(this.context)
    const url = new URL(raw)
    url.protocol = isSecure(raw) ? 'wss:' : 'ws:'
    url.pathname = '/ws/hub/'

    this.socket = new WebSocket(`${url}?jwt=${token}`)
    this.socket.onopen = () => {
      this.attempts = 0
    }
    this.socket.onmessage = (message) => {
      let frame = {}
      try {
        frame = JSON.parse(message.data)
      } catch (e) {
        return
      }
      if (Object.prototype.hasOwnProperty.call(this.handlers, frame.type)) {
        this.handlers[frame.type](this.context, frame)
      }
    }
    this.socket.onclose = () => {
      this.attempts += 1
    }
  }

  registerHandler(type, callback) {
    this.handlers[type] = callback
  }

  disconnect() {
    if (this.socket) this.socket.close()
    this.socket = null
  }

  registerCoreHandlers() {
    this.registerHandler('session_expired', ({ store }) => {
      store.dispatch('auth/logout')
    })
    this.registerHandler('user_renamed', ({ store }, frame) => {
      store.commit('auth/SET_NAME', frame.name)
    })
    // a counter the hub keeps for itself, no event type
    this.attempts = 0
  }
}

export default function (context, inject) {
  inject('hub', new LiveHub(context))
}
