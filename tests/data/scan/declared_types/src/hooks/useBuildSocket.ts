import { useEffect } from "react";
import type { BuildFrame } from "../api/messages";

type Options = { onFrame: (frame: BuildFrame) => void };

export function useBuildSocket(project: string, { onFrame }: Options) {
  useEffect(() => {
    const ws = new WebSocket(`/ws/builds/${project}`);
    ws.onmessage = (event: MessageEvent<string>) => {
      const frame = JSON.parse(event.data) as BuildFrame;
      if (frame.type === "ping") {
        ws.send(JSON.stringify({ type: "pong" }));
        return;
      }
      onFrame(frame);
    };
    return () => ws.close();
  }, [project, onFrame]);
}
