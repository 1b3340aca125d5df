import { useEffect, useRef } from 'react';
import { nodeStatus } from './nodeStatus';
import { ConsoleEvent } from './events';

/** Calls `callback` with each frame of `event` for as long as the component is mounted. */
const useConsoleEvent = (event: ConsoleEvent, callback: (data: string) => void) => {
    const saved = useRef(callback);

    useEffect(() => {
        saved.current = callback;
    }, [callback]);

    useEffect(() => {
        const listener = (data: string) => saved.current(data);
        nodeStatus.addListener(event, listener);
        return () => {
            nodeStatus.removeListener(event, listener);
        };
    }, [event]);
};

export default useConsoleEvent;
