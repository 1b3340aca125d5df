// The frames the build server pushes. Only the types are declared here; nothing opens a socket.
export interface BuildQueued {
  type: "build_queued";
  id: string;
  status: "waiting" | "blocked";
}

export interface BuildFinished {
  type: "build_finished" | "build_failed";
  id: string;
  status: "ok" | "error" | "cancelled" | "timeout";
}

type Heartbeat = { type: "ping" };

export type BuildFrame = BuildQueued | BuildFinished | Heartbeat;

export type LogLine = {
  stream: "stdout" | "stderr";
  text: string;
};
