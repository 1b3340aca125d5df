export function attach(socket) {
  socket.send(JSON.stringify({ record: true }))
}
