// a class field seeded with a placeholder, the URL assigned when started
export class PriceTicker {
  url = null;
  socket = null;

  start(symbolsPage) {
    this.url = `wss://${location.host}/api/ticks`;
    this.page = symbolsPage;
    this.open();
  }

  stop() {
    this.url = null;
    this.socket?.close();
  }

  open() {
    this.socket = new WebSocket(this.url);
    this.socket.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === "tick") this.page.update(m.symbol, m.price);
      else if (m.type === "halt") this.page.halt(m.symbol);
    };
  }
}
