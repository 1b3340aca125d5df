import Listeners from '@/lib/Listeners'

class JobSocket extends Listeners {
  start() {
    if (this.ws) return
    this.ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/jobs/ws`)
    this.ws.onmessage = ({ data }) => {
      this.notifyAll(JSON.parse(data))
    }
    this.ws.onclose = () => {
      this.ws = null
    }
  }
}

const jobSocket = new JobSocket()

export default jobSocket
