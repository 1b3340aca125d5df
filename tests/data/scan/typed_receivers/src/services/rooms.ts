import { Endpoints } from "../core/endpoints";

// Given its endpoints by whoever makes it (a DI container, a test).
export class RoomService {
  constructor(private readonly endpoints: Endpoints) {}

  join(room: string): WebSocket {
    const socket = new WebSocket(this.endpoints.roomUrl(room).toString());
    socket.addEventListener("message", (e) => {
      const msg = JSON.parse(e.data);
      if (msg.type === "said") console.log(msg.text);
    });
    return socket;
  }
}
