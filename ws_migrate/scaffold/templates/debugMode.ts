/**
 * The guide's "WebSocket Inspector", for development: the service's debug mode on, and every
 * message from the server, every connection state change and every debug record logged.
 *
 *   // once, at start-up (main.tsx / index.tsx)
 *   enableDebugMode();                                    // on when NODE_ENV is 'development'
 *   enableDebugMode({ enabled: import.meta.env.DEV });    // Vite: say when yourself
 *
 * In a production build it does nothing (and a bundler drops the logging with the branch).
 * The service never sends the token to these listeners (its `send` record masks it). The
 * server's side of the same questions is `ws-migrate serve`'s `/inspector`.
 */

import { websocketService, type UnifiedWebSocketService } from '{{service_module}}';

// Bundlers replace `process.env.NODE_ENV`; declared here so the client needs no Node types.
declare const process: { env: { NODE_ENV?: string } } | undefined;

export interface DebugModeOptions {
  /** Default: `process.env.NODE_ENV === 'development'`. */
  enabled?: boolean;
  /** Where the records go. Default: `console`. */
  logger?: { debug(...values: unknown[]): void };
  service?: UnifiedWebSocketService;
}

/** Turns debugging on (when `enabled`); returns the function that turns it off again. */
export function enableDebugMode(options: DebugModeOptions = {}): () => void {
  if (!(options.enabled ?? isDevelopment())) return () => undefined;
  const service = options.service ?? websocketService;
  const logger = options.logger ?? console;
  service.enableDebugMode(true);
  const offs = [
    service.onMessage((message) => logger.debug('WS Message:', message)),
    service.onStateChange((state) => logger.debug('WS State:', state)),
    service.onDebug((message, detail) => logger.debug(`WS Debug: ${message}`, detail)),
  ];
  return () => {
    for (const off of offs) off();
    service.enableDebugMode(false);
  };
}

function isDevelopment(): boolean {
  return typeof process !== 'undefined' && process.env.NODE_ENV === 'development';
}
