import { AgentFrame, origin } from "./events";

// stream events that only do bookkeeping: they never show the stop button
const PASSIVE_STREAM_EVENTS = ["chatId", "usageMetrics", "citations"];

type Listener = (text: string) => void;

export class AgentSession {
  private ws: WebSocket | null = null;
  private busy = false;

  constructor(private readonly sessionId: string, private readonly onText: Listener) {}

  start(): void {
    this.ws = new WebSocket(`${origin()}/api/agent-invocation/${this.sessionId}`);
    this.ws.onmessage = (e) => this.onFrame(e);
    window.addEventListener("beforeunload", () => this.ws?.close());
  }

  private onFrame(e: MessageEvent): void {
    const data = JSON.parse(e.data) as AgentFrame;
    if (data.type === "statusResponse") {
      this.onText(data.content?.text ?? "");
      return;
    }
    if (data.type === "toolApprovalRequest") {
      this.busy = false;
      return;
    }
    // a passive stream event leaves the loading state alone
    if (data.type === "reportStreamEvent" && PASSIVE_STREAM_EVENTS.includes(data.content?.type ?? "")) return;
    if (data.type === "reportStreamEvent") this.stream(data);
  }

  private stream(data: AgentFrame): void {
    this.busy = true;
    switch (data.content?.type) {
      case "textDelta":
        this.onText(data.content.text ?? "");
        break;
      case "toolCallInvocation":
        this.onText(`[tool] ${data.content.text}`);
        break;
    }
  }
}
