import { socketUrlFor } from "../util/socket-url";

export type DeviceEvent =
  | { event: "device_added"; name: string }
  | { event: "device_removed"; name: string }
  | { event: "device_online"; name: string; online: boolean };

export const watchDevices = (onChange: (name: string, online: boolean) => void) => {
  const ws = new WebSocket(socketUrlFor("events"));
  ws.addEventListener("message", (ev) => {
    const msg: DeviceEvent = JSON.parse(ev.data);
    if (msg.event === "device_online") {
      onChange(msg.name, msg.online);
    } else if (msg.event === "device_added" || msg.event === "device_removed") {
      onChange(msg.name, false);
    }
  });
  return () => ws.close();
};
