import useWebSocket, { ReadyState } from 'react-use-websocket';

const streamUrl = (topic: string): string =>
  `${location.origin.replace(/^http/, 'ws')}/ws/stream/${topic}`;

/** One stream per topic, shared by the components that read it; true while it is up. */
export function useStream<T>(topic: string, onSample: (sample: T) => void): boolean {
  const { readyState } = useWebSocket(streamUrl(topic), {
    share: true,
    shouldReconnect: () => true,
    reconnectInterval: (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000),
    onMessage: (event: MessageEvent) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'sample') onSample(msg.payload as T);
    },
  });
  return readyState === ReadyState.OPEN;
}
