// Near miss: methods every value has compare nothing of a message.
const ticks = new WebSocket(`wss://${location.host}/ws/ticks`);
ticks.onmessage = (e) => {
  let tick;
  try {
    tick = JSON.parse(e.data);
  } catch {
    return;
  }
  if (tick.symbol.toUpperCase() === "SPY") console.log("index", tick.price);
  if (tick.toString() === "[object Object]") console.log("plain frame");
  document.title = `${tick.symbol} ${tick.price}`;
};
