// expect: clean=0 leaks=0
import { websocketService } from './services/websocket';
import { EventType } from './types/websocket';

// module-level registrations live as long as the app: no effect, nothing to clean up
websocketService.on(EventType.SYSTEM_METRICS, (m) => console.log(m));
