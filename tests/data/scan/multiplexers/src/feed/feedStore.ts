import { useCallback, useContext, useSyncExternalStore } from 'react';
import { FeedSendContext, type FeedPublish } from './feedContext';

type Wake = () => void;

// the last payload of every topic the server pushed, and who waits for which topic
const lastByTopic: Record<string, unknown> = {};
const waiting = new Map<string, Set<Wake>>();

export function takeFrame(text: string): void {
  const frame = JSON.parse(text) as { topic: string; payload: unknown };
  if (!frame || frame.topic === 'heartbeat') return;
  storeTopic(frame.topic, frame.payload);
}

function storeTopic(topic: string, payload: unknown): void {
  if (lastByTopic[topic] === payload) return;
  lastByTopic[topic] = payload;
  waiting.get(topic)?.forEach((wake) => wake());
}

export function watchTopic(topic: string, wake: Wake): () => void {
  let set = waiting.get(topic);
  if (!set) {
    set = new Set();
    waiting.set(topic, set);
  }
  set.add(wake);
  return () => {
    set?.delete(wake);
  };
}

export function useFeedTopic<T>(topic: string, publishTo = '') {
  const payload = useSyncExternalStore(
    useCallback((wake: Wake) => watchTopic(topic, wake), [topic]),
    useCallback(() => lastByTopic[topic] as T | undefined, [topic]),
  );
  const publish = useContext(FeedSendContext);
  const set = useCallback((value: unknown) => publish({ topic: publishTo || topic, payload: value }), [publish, publishTo, topic]);
  return { payload, set };
}

export const useQueueDepth = () => useFeedTopic<number>('queue_depth');
export const useUptime = () => useFeedTopic<number>('uptime');
export function useStationMode(station: string) {
  // a topic named at run time: no message type the code spells out
  return useFeedTopic<string>(`${station}/mode`, `${station}/mode/set`);
}

export type { FeedPublish };
