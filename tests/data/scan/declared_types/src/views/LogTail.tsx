import React, { useEffect, useRef } from "react";
import type { LogLine } from "../api/messages";

// A log stream: its lines are typed by `stream`, which the handler never compares, and the
// type has no `type` property: no message types here.
export function LogTail({ buildId }: { buildId: string }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const socket = new WebSocket(`/ws/logs/${buildId}`);
    socket.addEventListener("message", (e: MessageEvent<string>) => {
      const line: LogLine = JSON.parse(e.data);
      if (box.current) box.current.textContent += line.text;
    });
    return () => socket.close();
  }, [buildId]);
  return <pre ref={box} />;
}
