import { openTopic } from '@shared/topicSocket';

// the web app's feed: the topic is fixed here
export const openOrdersFeed = (onFrame: (f: { type: string }) => void) => openTopic('orders', onFrame);
