import { useTopicSocket } from './useTopicSocket';
import type { TopicSocketOptions } from './useTopicSocket';

// Fixed-topic shorthands, one per backend channel. Keep these thin: anything
// topic-specific belongs in the component that subscribes.

export const useSystemSocket = (userId: string, opts?: TopicSocketOptions) =>
  useTopicSocket('system', userId, opts);

export const useDnsSocket = (userId: string, opts?: TopicSocketOptions) =>
  useTopicSocket('dns_management', userId, opts);

export function useHealthSocket(userId: string, opts?: TopicSocketOptions) {
  // health frames are bursty after a restart; back off a little longer
  return useTopicSocket('health', userId, { retryMs: 10_000, ...opts });
}

/** @deprecated the admin console moved to the audit service; nothing calls this any more. */
export const useAdminSocket = (userId: string, opts?: TopicSocketOptions) =>
  useTopicSocket('admin', userId, opts);
