import _Vue from 'vue'
import { Store } from 'vuex'
import type { RootState } from '@/store/types'
import { linkUrl } from '@/util/urls'

interface Pending {
    id: number
    action: string | null
    resolve?: (value: unknown) => void
}

interface LinkFrame {
    id?: number
    method?: string
    result?: unknown
    params?: unknown[]
}

export class LinkClient {
    socket: WebSocket | null = null
    store: Store<RootState> | null = null
    pending: Pending[] = []
    nextId = 1

    constructor(store: Store<RootState>) {
        this.store = store
    }

    connect(): void {
        this.store?.dispatch('link/setStatus', { connecting: true })
        this.socket = new WebSocket(linkUrl('/link/ws'))
        this.socket.onopen = () => {
            this.store?.dispatch('link/onOpen')
        }
        this.socket.onclose = () => {
            this.store?.dispatch('link/onClose')
        }
        this.socket.onmessage = (event) => {
            this.store?.dispatch('link/heartbeat')
            const frame = JSON.parse(event.data)
            if (Array.isArray(frame)) {
                for (const one of frame) this.route(one)
                return
            }
            this.route(frame)
        }
    }

    route(frame: LinkFrame): void {
        const pending = this.pending.find((p) => p.id === frame.id)
        if (!pending) {
            // notifications go to the store's `link` module by name
            this.store?.dispatch('link/onFrame', frame)
            return
        }
        // a reply to a request: its result goes to the action the request named
        let reply = frame.result
        if (reply === 'done') reply = { reply }
        if (typeof reply === 'string') reply = { reply }
        pending.resolve?.(reply)
        if (pending.action) this.store?.dispatch(pending.action, reply)
        this.pending = this.pending.filter((p) => p !== pending)
    }

    call(method: string, params: object, action: string | null = null): void {
        const id = this.nextId++
        this.pending.push({ id, action })
        this.socket?.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
    }
}

export function LinkPlugin(Vue: typeof _Vue, options: { store: Store<RootState> }): void {
    const client = new LinkClient(options.store)
    Vue.prototype.$link = client
    client.connect()
}
