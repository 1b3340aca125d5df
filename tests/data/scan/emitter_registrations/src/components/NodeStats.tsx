import React, { useState } from 'react';
import useConsoleEvent from '../console/useConsoleEvent';
import { ConsoleEvent } from '../console/events';

export default ({ backupId }: { backupId: string }) => {
    const [cpu, setCpu] = useState(0);
    const [installing, setInstalling] = useState(false);

    useConsoleEvent(ConsoleEvent.STATS, (data) => setCpu(Number(data)));
    useConsoleEvent(ConsoleEvent.INSTALL_COMPLETED, () => setInstalling(false));
    // a name built at run time: which frame it is cannot be read
    useConsoleEvent(`${ConsoleEvent.BACKUP_COMPLETED}:${backupId}` as ConsoleEvent, () => setInstalling(false));

    return <span>{installing ? 'installing…' : `${cpu}%`}</span>;
};
