import React from 'react';
import { createRoot } from 'react-dom/client';
import ConsoleProvider from './console/ConsoleProvider';
import ConsoleOutput from './components/ConsoleOutput';
import NodeStats from './components/NodeStats';
import { nodeStatus } from './console/nodeStatus';
import { chartClock } from './lib/ticker';
import { subscribeSensors } from './api/sensors';
import { subscribeAlerts } from './api/alerts';
import { startValveTracking, trackReadings } from './api/valves';

nodeStatus.connect();
chartClock.start();
startValveTracking();
trackReadings();
subscribeSensors((list) => console.debug('sensors', list.length));
subscribeAlerts((list) => console.debug('alerts', list.length));

createRoot(document.getElementById('root')!).render(
    <>
        <ConsoleProvider serverId="node-1" />
        <ConsoleOutput />
        <NodeStats backupId="latest" />
    </>
);
