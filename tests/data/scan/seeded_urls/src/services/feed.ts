// near miss: the URL is whatever the caller hands to setUrl, so no endpoint is told here
export class FeedClient {
  private url: string | null = null;
  private ws: WebSocket | null = null;

  setUrl(url: string): void {
    this.url = url;
  }

  connect(): void {
    this.ws = new WebSocket(this.url as string);
    this.ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.op === "item") console.log(m.item);
    };
  }
}
