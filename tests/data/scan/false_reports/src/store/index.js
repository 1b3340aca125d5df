import LiveFeed from './liveFeed';
import { RunnerChannel } from '../jobs/RunnerChannel';

export const feed = new LiveFeed(window.FEED_PROTOCOL || null);
export const runner = new RunnerChannel();
feed.connect();
