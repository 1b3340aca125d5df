interface QuoteFrame {
  type: "quote" | "halt";
  symbol: string;
  price?: number;
}

// Near miss: the keep-alive answer "pong" is text, every other frame is JSON.
export const quotes = new WebSocket(`wss://${location.host}/feed/quotes`);
quotes.onmessage = (e) => {
  if (e.data === "pong") return;
  let frame: QuoteFrame;
  try {
    frame = JSON.parse(e.data);
  } catch {
    return;
  }
  if (frame.type === "quote") {
    console.log(frame.symbol, frame.price);
  } else if (frame.type === "halt") {
    console.warn("halted", frame.symbol);
  }
};
setInterval(() => quotes.send("ping"), 20000);
