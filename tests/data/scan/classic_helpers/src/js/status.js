// The status strip: its own socket, on a path next to the page's.
export function openStatus (onChange) {
  var url
  if (window.STATUS_BASE) {
    var m = /^(https?):\/\/(.*)$/.exec(window.STATUS_BASE)
    if (m) {
      url = 'ws' + (m[1] === 'https' ? 's' : '') + '://' + m[2] + 'status/live'
    }
  } else if (location.protocol === 'https:') {
    url = 'wss://' + location.host + '/status/live'
  } else {
    var path = location.host
    path = path + location.pathname
    path = path + (path.slice(-1) === '/' ? '' : '/') + 'status/live'
    url = 'ws://' + path
  }
  const ws = new WebSocket(url)
  ws.onmessage = function (e) {
    const frame = JSON.parse(e.data)
    if (frame.kind === 'status_changed') {
      onChange(frame.status)
    } else if (frame.kind === 'status_cleared') {
      onChange(null)
    }
  }
  return function stop () {
    ws.close()
  }
}

// Not a socket: the same kind of branches for an HTTP URL.
export function historyUrl () {
  var u
  if (window.STATUS_BASE) {
    u = window.STATUS_BASE + 'status/history'
  } else {
    u = '/status/history'
  }
  return fetch(u)
}
