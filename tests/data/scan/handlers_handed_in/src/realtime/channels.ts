import { useEffect } from 'react';
import { WsClient, type FrameHandler } from '../lib/ws';

// App-wide sockets. main.tsx connects them once; components only register handlers.
export const productionWS = new WsClient('/ws/production');
export const alertsWS = new WsClient('/ws/alerts', 10_000);

export type HandlerTable = Record<string, FrameHandler>;

/**
 * Registers a table of `event -> handler` on a client for the lifetime of the calling
 * component. The table is read once per client, so pass stable handlers.
 */
export function useChannel(client: WsClient, handlers: HandlerTable): void {
  useEffect(() => {
    Object.entries(handlers).forEach(([type, fn]) => client.on(type, fn));
    return () => {
      Object.entries(handlers).forEach(([type, fn]) => client.off(type, fn));
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
}

export function startRealtime(): void {
  productionWS.connect();
  alertsWS.connect();
}

export function stopRealtime(): void {
  productionWS.close();
  alertsWS.close();
}
