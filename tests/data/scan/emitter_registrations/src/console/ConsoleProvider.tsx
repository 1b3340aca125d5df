import React, { useEffect } from 'react';
import { ConsoleSocket } from './ConsoleSocket';
import { ConsoleEvent } from './events';
import { useServerStore } from '../lib/store';
import fetchConsoleToken from '../lib/fetchConsoleToken';

export default ({ serverId }: { serverId: string }) => {
    const { setSocket, setConnected, setPower } = useServerStore((s) => s.actions);

    useEffect(() => {
        const socket = new ConsoleSocket();

        socket.on('auth success', () => setConnected(true));
        socket.on('SOCKET_CLOSE', () => setConnected(false));
        socket.on(ConsoleEvent.STATUS, (state: string) => setPower(state));
        socket.once('token expired', () => {
            fetchConsoleToken(serverId).then((token) => socket.setToken(token));
        });

        fetchConsoleToken(serverId).then((token) => {
            socket.setToken(token).connect();
            setSocket(socket);
        });

        return () => socket.close();
    }, [serverId]);

    return null;
};
