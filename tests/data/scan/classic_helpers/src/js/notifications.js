// The bell's feed: a module socket, and a helper that attaches a page's listener to it.
let feed = null

export function openFeed () {
  if (feed === null) {
    feed = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/app/notifications')
  }
  return feed
}

export function onFeed (type, handler) {
  if (feed !== null) {
    feed.addEventListener(type, handler)
  }
}
