import { useEffect, useState } from "react";
import { openChat, type ChatFrame } from "./chatSocket";

export function ChatRoom({ supportUrl }: { supportUrl?: string }) {
  const [lines, setLines] = useState<ChatFrame[]>([]);
  useEffect(() => {
    const ws = openChat((f) => setLines((l) => [...l, f]));
    return () => ws.close();
  }, []);
  useEffect(() => {
    if (!supportUrl) return;
    // near miss: a URL known only at run time, no default
    const support = openChat((f) => setLines((l) => [...l, f]), supportUrl);
    return () => support.close();
  }, [supportUrl]);
  return <ul>{lines.map((l, i) => <li key={i}>{l.user}: {l.text}</li>)}</ul>;
}
