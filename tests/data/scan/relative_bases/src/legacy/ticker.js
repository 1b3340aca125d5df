// a board on its own port: the page knows only the host
var tickerHost = window.TICKER_HOST || location.hostname;

function openTicker(onPrice) {
  var ws = new WebSocket(location.protocol.replace("http", "ws") + "//" + tickerHost + ":9001/prices");
  ws.onmessage = function (e) {
    var msg = JSON.parse(e.data);
    if (msg.type === "price") onPrice(msg.symbol, msg.value);
  };
  return ws;
}

function openBoard(path) {
  return new WebSocket(window.BOARD_URL + path);
}
