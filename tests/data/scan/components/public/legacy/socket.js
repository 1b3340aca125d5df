/*
 * Realtime helpers for the old dashboard pages. Loaded with a plain <script> tag before
 * dashboard.js; everything here is global on purpose.
 */

var FEED_DEBUG = /[?&]debugFeeds=1/.test(location.search);

function feedLog(text) {
  if (FEED_DEBUG && window.console) console.log('[feed] ' + text);
}

function parseFeedMessage(e) {
  try {
    return JSON.parse(e.data);
  } catch (err) {
    feedLog('bad frame: ' + String(e.data).slice(0, 60));
    return null;
  }
}

// `path` is relative ('/ws/…'); the kiosks run a current Chrome, which resolves it against
// the page URL.
function openFeed(path) {
  var ws = new WebSocket(path);
  ws.onopen = function () {
    feedLog('open ' + path);
  };
  ws.onerror = function () {
    feedLog('error on ' + path);
  };
  return ws;
}
