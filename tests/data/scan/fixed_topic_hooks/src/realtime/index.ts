export { useTopicSocket } from './useTopicSocket';
export type { TopicEnvelope, TopicHandler, TopicSocketOptions } from './useTopicSocket';
export * from './topics';
