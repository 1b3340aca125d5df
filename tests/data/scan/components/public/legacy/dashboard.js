/* Dashboard page: tiles update from the /ws/dashboard feed. Needs socket.js first. */
(function () {
  var tiles = {};
  var feed;

  function tile(id) {
    if (!tiles[id]) {
      tiles[id] = document.querySelector('[data-tile="' + id + '"]');
    }
    return tiles[id];
  }

  function handleDashboardMessage(e) {
    var msg = parseFeedMessage(e);
    if (!msg) return;
    if (msg.type === 'tile_update') {
      var el = tile(msg.id);
      if (el) el.querySelector('.value').textContent = msg.value;
    } else if (msg.type === 'tile_removed') {
      var gone = tile(msg.id);
      if (gone) gone.parentNode.removeChild(gone);
      delete tiles[msg.id];
    } else if (msg.type === 'banner') {
      document.getElementById('banner').textContent = msg.text || '';
    }
  }

  function start() {
    feed = openFeed('/ws/dashboard');
    feed.onmessage = handleDashboardMessage;
    feed.onclose = function () {
      document.body.className += ' feed-offline';
    };
  }

  document.addEventListener('DOMContentLoaded', start);
})();
