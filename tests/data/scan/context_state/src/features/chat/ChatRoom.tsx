import React, { useEffect, useState } from "react";
import { useRealtimeContext } from "../../realtime/RealtimeProvider";

export function ChatRoom() {
  const realtime = useRealtimeContext();
  const [lines, setLines] = useState<string[]>([]);
  useEffect(() => {
    const frame = realtime?.latest;
    if (!frame) return;
    switch (frame.type) {
      case "chat.posted":
        setLines((all) => [...all, String(frame.payload)]);
        break;
      case "chat.cleared":
        setLines([]);
        break;
    }
  }, [realtime?.latest]);
  return <ul>{lines.map((l, i) => <li key={i}>{l}</li>)}</ul>;
}
