import { socketUrlFor } from "../util/socket-url";

export interface ProcessLine {
  event: "line" | "exit";
  data?: string;
  code?: number;
}

/** Runs a server-side command and streams its output; `path` is the command's socket. */
export function streamProcess(path: string, spawn: Record<string, unknown>, onLine: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(socketUrlFor(path));
    ws.onopen = () => ws.send(JSON.stringify({ type: "spawn", ...spawn }));
    ws.onmessage = (ev) => {
      const msg: ProcessLine = JSON.parse(ev.data);
      if (msg.event === "line") {
        onLine(msg.data ?? "");
      } else if (msg.event === "exit") {
        resolve(msg.code ?? 1);
        ws.close();
      }
    };
  });
}
