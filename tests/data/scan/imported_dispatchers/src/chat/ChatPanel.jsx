import { useEffect, useState } from "react";
import handleAgentEvent from "./agentEvents";
import { track } from "../lib/analytics";

export default function ChatPanel({ invocationId }) {
  const [history, setHistory] = useState([]);

  useEffect(() => {
    document.title = `Agent ${invocationId}`; // unrelated effect work
    const socket = new WebSocket(`wss://${window.location.host}/api/agent-invocation/${invocationId}`);
    socket.addEventListener("message", (event) => {
      track("message", event); // near miss: given the event second, `track` reads its label
      handleAgentEvent(event, setHistory);
    });
    return () => socket.close();
  }, [invocationId]);

  return <ul>{history.map((h, i) => <li key={i}>{h.text || h.file || h.error}</li>)}</ul>;
}
