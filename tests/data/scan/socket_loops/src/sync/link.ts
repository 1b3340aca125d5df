// One sync socket for the whole page: opened once, and opened again into the same variable
// when the keep-alive finds it closed. Two calls of `openSyncSocket`, one connection.
import { openSyncSocket } from './open';

let socket: WebSocket;
let lastPong = Date.now();

function keepAlive(): void {
  if (socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ kind: 'ping', at: Date.now() }));
  } else if (socket.readyState === WebSocket.CLOSED) {
    socket = openSyncSocket((pong) => (lastPong = pong));
  }
}

setTimeout(() => {
  socket = openSyncSocket((pong) => (lastPong = pong));
  setInterval(keepAlive, 1000);
}, 0);

export const sinceLastPong = (): number => Date.now() - lastPong;
