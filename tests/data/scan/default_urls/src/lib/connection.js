import { default_socket_url } from "./urls";

// The URL is an option; left out, it is the page's own ./live.
export const open_connection = ({ on_update, address = default_socket_url() } = {}) =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(String(address));
    socket.onmessage = (event) => on_update(JSON.parse(event.data));
    socket.onopen = () => resolve(socket);
    socket.onerror = reject;
  });
