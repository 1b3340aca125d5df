// Frames the agent invocation socket sends. A `reportStreamEvent` carries a sub-kind of its own
// one level down, in `content.type`.
export type AgentFrame = {
  type: "statusResponse" | "toolApprovalRequest" | "reportStreamEvent";
  content?: { type?: string; uuid?: string; text?: string };
  requestId?: string;
};

export function origin(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
}
