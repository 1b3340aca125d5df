import { createLiveStore } from '../lib/liveStore';

// support tickets, shown beside the order they are about
export const currentTicket = createLiveStore<{ id: string; title: string }>('tickets');
