// A remote control for the video player: the server sends one command per frame.
export function connectRemote(player) {
  const socket = new WebSocket(`wss://${window.location.host}/remote/control`);
  socket.addEventListener("message", (event) => {
    const command = String(event.data).trim();
    switch (command) {
      case "play":
        player.play();
        break;
      case "pause":
        player.pause();
        break;
      case "":
        break;
      default:
        console.warn("unknown remote command", command);
    }
  });
  return () => socket.close();
}
