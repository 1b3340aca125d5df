// near miss: the default is another service's host, so the override may be anything: no endpoint
// (and not filed as external either: the socket may be the app's own)
export const prices = new WebSocket(window.APP_CONFIG.pricesUrl || "wss://feeds.example.com/v1/prices");
prices.onmessage = (e) => {
  const q = JSON.parse(e.data);
  if (q.t === "quote") console.log(q.sym, q.px);
};
