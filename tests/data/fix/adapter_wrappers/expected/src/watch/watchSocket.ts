import { openReconnectingLegacySocket } from '../services/legacySocket';

const apiRoot = (): string => window.location.origin.replace(/^http/, 'ws');

/** One watch stream per resource kind; the library reconnects it when the network drops. */
export function openWatch(kind: string) {
  return openReconnectingLegacySocket(`${apiRoot()}/watch/${kind}`);
}
