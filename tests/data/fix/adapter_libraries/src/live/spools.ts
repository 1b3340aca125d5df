import { watchResource } from './resources';

export const stopSpools = watchResource('spool', (kind, id) => console.info('spool', kind, id));
