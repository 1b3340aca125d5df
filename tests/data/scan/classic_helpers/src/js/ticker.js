// Price ticker: a socket of its own that asks for symbols, but keeps no callbacks by symbol:
// one handler tells the frames apart by `type`. A legacy connection, not the team's client.
const labels = {}
let ws = null

export function connectTicker (render) {
  ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ticker/stream`)
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data)
    if (msg.type === 'tick') {
      render(labels[msg.symbol] || msg.symbol, msg.price)
    } else if (msg.type === 'halted') {
      render(labels[msg.symbol] || msg.symbol, null)
    }
  }
}

export function watch (symbol, label) {
  labels[symbol] = label
  if (ws && ws.readyState === WebSocket.OPEN) {
    ws.send(JSON.stringify({ subscribe: symbol }))
  }
}
