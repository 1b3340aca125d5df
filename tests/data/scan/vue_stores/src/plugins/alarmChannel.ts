import { Store } from 'vuex'
import type { RootState } from '@/store/types'
import { ALARM_RECEIVED } from '@/store/mutation-types'

// the alarm panel's own socket: each alarm is committed to the root store
export class AlarmChannel {
    private ws?: WebSocket

    constructor(private readonly store: Store<RootState>) {}

    open(): void {
        this.ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/alarms/ws`)
        this.ws.addEventListener('message', (e: MessageEvent<string>) => {
            const alarm = JSON.parse(e.data)
            this.store.commit(ALARM_RECEIVED, alarm)
        })
    }

    close(): void {
        this.ws?.close()
    }
}
