// opens the socket at the address it is handed; frames are binary (no message types)
export class TermLink {
  constructor(address, timeout) {
    this.address = address;
    this.timeout = timeout;
  }

  open() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.address.webSocket);
      ws.binaryType = "arraybuffer";
      ws.addEventListener("open", () => resolve(ws));
      ws.addEventListener("close", (e) => reject(e));
      ws.addEventListener("message", (e) => this.feed(new Uint8Array(e.data)));
    });
  }

  feed(bytes) {
    switch (bytes[0] >> 6) {
      case 0x00:
        break;
      case 0x01:
        break;
    }
  }
}
