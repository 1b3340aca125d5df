/* The editor's own channel: one socket, topics subscribed over it. Loaded as a classic script. */
window.APP = window.APP || {}

APP.comms = (function () {
  var handlers = {}
  var socket = null
  var retries = 0

  function open () {
    var url
    if (APP.settings.remoteRoot) {
      var parts = /^(https?):\/\/(.*)$/.exec(APP.settings.remoteRoot)
      if (parts) {
        url = (parts[1] === 'https' ? 'wss' : 'ws') + '://' + parts[2] + 'channel'
      }
    } else {
      var where = location.hostname
      if (location.port) {
        where = where + ':' + location.port
      }
      where = where + location.pathname
      if (where.charAt(where.length - 1) !== '/') {
        where += '/'
      }
      where += 'channel'
      url = (location.protocol === 'https:' ? 'wss' : 'ws') + '://' + where
    }

    socket = new WebSocket(url)
    socket.onopen = function () {
      retries = 0
      Object.keys(handlers).forEach(function (topic) {
        socket.send(JSON.stringify({ subscribe: topic }))
      })
    }
    socket.onmessage = function (event) {
      var batch = JSON.parse(event.data)
      for (var i = 0; i < batch.length; i++) {
        var item = batch[i]
        Object.keys(handlers).forEach(function (pattern) {
          if (APP.topics.matches(pattern, item.topic)) {
            handlers[pattern].forEach(function (fn) { fn(item.topic, item.data) })
          }
        })
      }
    }
    socket.onclose = function () {
      retries++
      setTimeout(open, retries < 10 ? 1000 : 5000)
    }
  }

  function subscribe (topic, callback) {
    (handlers[topic] = handlers[topic] || []).push(callback)
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify({ subscribe: topic }))
    }
  }

  function unsubscribe (topic, callback) {
    if (handlers[topic]) {
      handlers[topic] = handlers[topic].filter(function (fn) { return fn !== callback })
    }
  }

  return { connect: open, subscribe: subscribe, unsubscribe: unsubscribe }
})()
