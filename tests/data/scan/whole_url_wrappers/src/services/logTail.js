import { openSocket } from "../lib/socket";

// a path: made absolute on the page's origin by the wrapper
export const logs = openSocket("/api/logs/stream", (msg) => {
  if (msg.event === "line") console.log(msg.text);
  if (msg.event === "eof") console.log("done");
});
