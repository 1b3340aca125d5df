import $app from './globals-shim'
import { showToast, dismissToast } from './toasts'

/**
 * One socket for the whole app, kept on the globals object. Pages get a handle on it and
 * register their own listeners through `addEventListener(type, key, callback)`; the key keeps a
 * page that mounts twice from listening twice.
 */
export const AppWebsocketHandler = function ($t) {
  let retryTimer = null
  let reconnect = true

  function openWS () {
    if (!$app.ws) {
      const loc = window.location
      let uri = loc.protocol === 'https:' ? 'wss:' : 'ws:'
      uri += '//' + loc.host + '/app/websocket'
      const target = localStorage.getItem('app-target')
      if (target) {
        uri += '?target=' + encodeURIComponent(target)
      }
      $app.ws = new WebSocket(uri)
    }
  }

  const addListener = function (type, key, callback) {
    if ($app.ws) {
      if (!(key in $app.listeners)) {
        $app.ws.addEventListener(type, callback)
        $app.listeners[key] = true
      }
    }
  }

  const init = function () {
    if (!$app.ws) {
      openWS()

      addListener('open', 'start_frontend_messages', function () {
        clearTimeout(retryTimer)
        $app.ws.send(JSON.stringify({ command: 'start_frontend_messages', params: {} }))
      })

      addListener('message', 'frontend_messages', function (evt) {
        if (typeof evt.data !== 'string') {
          return
        }
        const data = JSON.parse(evt.data)
        if (!data.success) {
          console.error('websocket: bad frame', evt.data)
          return
        }
        switch (data.type) {
          case 'frontend_message':
            showToast($t, data.data)
            break
          case 'frontend_message_cleared':
            dismissToast(data.data.id)
            break
        }
      })

      addListener('close', 'reconnect', function () {
        if (reconnect) {
          $app.ws = null
          $app.listeners = {}
          retryTimer = setTimeout(init, 4000)
        }
      })
    }
    return $app.ws
  }

  const close = function () {
    if ($app.ws) {
      reconnect = false
      $app.ws.close()
      $app.ws = null
      $app.listeners = {}
    }
  }

  return { init, close, addEventListener: addListener }
}

export default { AppWebsocketHandler }
