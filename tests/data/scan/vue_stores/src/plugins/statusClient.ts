import type _Vue from 'vue'
import type { Store } from 'vuex'

interface StatusOptions {
  store: Store<unknown>
  url: string
}

type StatusFrame = { method: string; params: unknown[] }

// the controller's status socket, installed as a plugin object: `Vue.use(StatusPlugin, { … })`
export class StatusClient {
  private socket: WebSocket | null = null

  constructor (private readonly options: StatusOptions) {}

  connect (): void {
    this.socket = new WebSocket(this.options.url)
    this.socket.onmessage = (event: MessageEvent<string>) => {
      const frame = JSON.parse(event.data) as StatusFrame
      if (frame.method === 'status_changed') {
        this.options.store.commit('status/set', frame.params[0])
      } else if (frame.method === 'status_lost') {
        this.options.store.commit('status/clear')
      }
    }
  }
}

export const StatusPlugin = {
  install (Vue: typeof _Vue, options: StatusOptions): void {
    const client = new StatusClient(options)
    Vue.prototype.$status = client
    client.connect()
  }
}
