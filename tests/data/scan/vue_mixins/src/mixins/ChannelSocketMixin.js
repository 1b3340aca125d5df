// Live channels for the auction back office. A component that mixes this in lists
// the channels it follows in `channels`, may set `auctionSlugForSocket` and
// `lotRoundForSocket`, and handles what arrives in `onChannelMessage(channel, msg)`.
import { logSocket } from '../util/log'

const RETRY_MS = 4000

export default {
  data() {
    return { sockets: {}, dropped: 0 }
  },
  created() {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
    const base = `${scheme}://${window.location.host}/live/`
    const self = this
    for (const channel of this.channels) {
      const url = self.channelUrl(base, channel)
      const socket = new WebSocket(url)
      socket.addEventListener('message', (event) => {
        self.deliver(channel, JSON.parse(event.data))
      })
      socket.addEventListener('close', () => {
        self.dropped += 1
        logSocket('closed', url, RETRY_MS)
      })
      this.sockets[channel] = socket
    }
  },
  beforeDestroy() {
    Object.values(this.sockets).forEach((s) => s.close())
  },
  methods: {
    channelUrl(base, channel) {
      let url = base
      if (this.auctionSlugForSocket !== undefined) {
        url += `${this.auctionSlugForSocket}/`
      }
      if (this.lotRoundForSocket !== undefined) {
        url += `round/${this.lotRoundForSocket}/`
      }
      url = `${url + channel}/`
      return url
    },
    deliver(channel, msg) {
      if (msg.error) {
        console.warn(msg.error)
        return
      }
      this.onChannelMessage(channel, msg)
    },
    sendTo(channel, payload) {
      this.sockets[channel].send(JSON.stringify(payload))
    },
  },
}
