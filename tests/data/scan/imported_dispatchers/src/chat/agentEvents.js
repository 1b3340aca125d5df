import { safeJsonParse } from "../lib/safeParse";

// The agent socket's listener hands the raw MessageEvent over: this parses it itself.
export default function handleAgentEvent(event, setHistory) {
  const data = safeJsonParse(event.data, null);
  if (data === null) return;
  if (data.type === "statusResponse") {
    setHistory((h) => [...h, { role: "status", text: data.content }]);
    return;
  }
  if (data.type === "fileCard") return setHistory((h) => [...h, { file: data.content }]);
  if (data.type === "wssFailure") setHistory((h) => [...h, { error: data.content }]);
}
