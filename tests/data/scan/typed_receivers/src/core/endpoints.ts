/** Where the app's server is, and the URLs built on it. */
export class Endpoints {
  constructor(private readonly base: URL) {}

  private socketUrl(path: string, params?: URLSearchParams): URL {
    const url = new URL(path, this.base);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    if (params) url.search = params.toString();
    return url;
  }

  eventsUrl(): URL {
    return this.socketUrl("/stream/events");
  }

  roomUrl(room: string): URL {
    return this.socketUrl(`/stream/rooms/${room}`);
  }

  apiUrl(path: string): string {
    return `${this.base.origin}/api${path}`;
  }
}
