import React, { useCallback, useState } from "react";
import type { BuildFrame } from "../api/messages";
import { useBuildSocket } from "../hooks/useBuildSocket";

export function BuildList({ project }: { project: string }) {
  const [last, setLast] = useState<string>("");
  // the frame is typed, but only its id is shown: the declared types still say what arrives
  const onFrame = useCallback((frame: BuildFrame) => setLast(frame.id), []);
  useBuildSocket(project, { onFrame });
  return <p>last build: {last}</p>;
}
