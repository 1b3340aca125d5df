import { createContext } from 'react';

export type FeedPublish = (update: { topic: string; payload: unknown }) => void;

export const FeedSendContext = createContext<FeedPublish>(() => undefined);
