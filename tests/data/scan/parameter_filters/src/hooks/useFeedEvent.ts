import { useEffect } from "react";
import useWebSocket from "react-use-websocket";

type FeedFrame = { channel: string; body: unknown };

// Every component shares one feed socket; each asks for the frames of one channel.
export function useFeedEvent(channel: string, onFrame: (body: unknown) => void) {
  const { lastJsonMessage } = useWebSocket<FeedFrame>("/ws/feed", { share: true });
  useEffect(() => {
    if (lastJsonMessage && lastJsonMessage.channel === channel) {
      onFrame(lastJsonMessage.body);
    }
  }, [lastJsonMessage, channel, onFrame]);
}
