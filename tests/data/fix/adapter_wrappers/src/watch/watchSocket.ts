import ReconnectingWebSocket from 'reconnecting-websocket';

const apiRoot = (): string => window.location.origin.replace(/^http/, 'ws');

/** One watch stream per resource kind; the library reconnects it when the network drops. */
export function openWatch(kind: string) {
  return new ReconnectingWebSocket(`${apiRoot()}/watch/${kind}`);
}
