export interface RootState {
    version: string
}

export interface LinkState {
    connected: boolean
    connecting: boolean
    lastBeat: number
    valves: Record<string, boolean>
}
