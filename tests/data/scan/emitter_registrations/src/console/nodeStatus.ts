import { ConsoleSocket } from './ConsoleSocket';
import { ConsoleEvent } from './events';

// the node overview page keeps one socket for the whole session
export const nodeStatus = new ConsoleSocket();

nodeStatus.on(ConsoleEvent.DAEMON_ERROR, (message: string) => {
    console.error('daemon error:', message);
});
