export * from './topic';
export { useTopicSocket as useTopic } from './topic';
