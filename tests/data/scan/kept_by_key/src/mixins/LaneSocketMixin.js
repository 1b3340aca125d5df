// A regatta's live lanes: one socket per lane a component lists, kept by lane.
export default {
  data() {
    return { lanes: {} }
  },
  created() {
    for (const lane of this.laneNames) {
      const socket = new WebSocket(`wss://${location.host}/regatta/${this.raceId}/${lane}`)
      socket.onmessage = (event) => this.onLane(lane, JSON.parse(event.data))
      this.lanes[lane] = socket
    }
  },
  beforeDestroy() {
    Object.values(this.lanes).forEach((socket) => socket.close())
  },
  methods: {
    signal(lane, flag) {
      this.lanes[lane].send(JSON.stringify({ flag }))
    },
    closeLane(lane) {
      this.lanes[lane].close()
    },
  },
}
