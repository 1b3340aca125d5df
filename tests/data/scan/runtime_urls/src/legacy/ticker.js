// Build-status ticker for the lobby TV. Carried over from the CRA build: vite.config.ts still
// defines process.env.REACT_APP_* for these files, and REACT_APP_WS_URL is the full socket URL.

var el = document.getElementById('ticker');
var items = [];

function render() {
  if (!el) return;
  el.textContent = items.slice(-8).join('   •   ');
}

export function startTicker() {
  var ws = new WebSocket(process.env.REACT_APP_WS_URL);
  ws.onmessage = function (e) {
    var msg = JSON.parse(e.data);
    if (msg.type === 'headline') {
      items.push(msg.text);
      render();
    } else if (msg.type === 'clear') {
      items = [];
      render();
    }
  };
  return ws;
}
