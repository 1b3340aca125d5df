import { defineStore } from 'pinia'

interface ZoneFrame {
    op: string
    zone: string
}

export const useIrrigationStore = defineStore('irrigation', {
    state: () => ({ open: [] as string[] }),
    actions: {
        handle(payload: ZoneFrame) {
            if (payload.op === 'zone_opened') this.open.push(payload.zone)
            else if (payload.op === 'zone_closed') this.open = this.open.filter((z) => z !== payload.zone)
        },
        reset() {
            this.open = []
        },
    },
})
