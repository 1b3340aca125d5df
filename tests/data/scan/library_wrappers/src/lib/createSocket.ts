import ReconnectingWebSocket, { type Options } from 'reconnecting-websocket';

const DEFAULTS: Options = {
  maxRetries: 20,
  minReconnectionDelay: 500,
  maxReconnectionDelay: 15_000,
  connectionTimeout: 4000,
};

/** Every raw socket in the app goes through here so the retry policy lives in one place. */
export function createSocket(url: string, options: Partial<Options> = {}): ReconnectingWebSocket {
  const rws = new ReconnectingWebSocket(url, [], { ...DEFAULTS, ...options });
  if (import.meta.env.DEV) {
    rws.addEventListener('close', (e) => console.debug('[socket] closed', url, e.code));
  }
  return rws;
}
