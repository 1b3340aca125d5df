import { openRoom } from './chat';

export const said: string[] = [];

export function joinLobby(name: string): void {
  const socket = openRoom('lobby');
  socket.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.type === 'said') said.push(msg.payload.text);
  };
  socket.onopen = () => socket.send(JSON.stringify({ type: 'join', name }));
}
