import { baseUrl } from "@/lib/baseUrl";
import { useEffect, useMemo, useRef } from "react";

type Props = { camera: string; onError?: (reason: string) => void };

export default function CameraStream({ camera, onError }: Props) {
  const video = useRef<HTMLVideoElement | null>(null);
  const streamUrl = useMemo(() => {
    return `${baseUrl.replace(/^http/, "ws")}live/cams/api/ws?src=${encodeURIComponent(camera)}`;
  }, [camera]);

  useEffect(() => {
    const ws = new WebSocket(streamUrl);
    ws.binaryType = "arraybuffer";
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== "string") return; // video segments
      try {
        const msg = JSON.parse(ev.data);
        if (msg.type === "error") onError?.(msg.value);
      } catch {
        // not a control frame
      }
    };
    return () => ws.close();
  }, [streamUrl, onError]);

  return <video ref={video} autoPlay muted playsInline />;
}
