import { runtimeConfig } from './config';

export function connectFromConfig() {
  const ws = new WebSocket(runtimeConfig().socketUrl);
  ws.onmessage = function (event) {
    console.log(event.data);
  };
  return ws;
}
