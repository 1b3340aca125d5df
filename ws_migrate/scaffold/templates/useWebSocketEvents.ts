/**
 * React hook over the unified WebSocket service: subscribes a component to event types for as
 * long as it is mounted and keeps the latest data of each.
 *
 *   const { events, isConnected } = useWebSocketEvents([EventType.X, EventType.Y]);
 *   const latestX = events[EventType.X];
 *
 * The hook does not connect: the app calls `websocketService.connect(token)` once (after login).
 * Subscriptions made before that wait and are sent once the connection is authenticated.
 */

import { useEffect, useState } from 'react';

import { websocketService, type UnifiedWebSocketService } from '{{service_module}}';
import type { EventDataMap, EventType } from '{{types_module}}';

/** The latest data of each event type, once one has arrived. */
export type LatestEvents<E extends EventType> = Partial<{ [K in E]: EventDataMap[K] }>;

export interface WebSocketEvents<E extends EventType> {
  events: LatestEvents<E>;
  isConnected: boolean;
}

// Event type names are identifiers: a comma cannot occur inside one.
const SEPARATOR = ',';

/**
 * Subscribes to `eventTypes` on mount and unsubscribes on unmount (reference-counted, so other
 * components keep theirs). A new array with the same types does not resubscribe.
 */
export function useWebSocketEvents<E extends EventType>(
  eventTypes: readonly E[],
  service: UnifiedWebSocketService = websocketService,
): WebSocketEvents<E> {
  const [events, setEvents] = useState<LatestEvents<E>>({});
  const [isConnected, setConnected] = useState(() => service.isConnected());
  // The effect depends on the contents, not on the identity of the array a render passes in.
  const key = Array.from(new Set(eventTypes)).sort().join(SEPARATOR);

  useEffect(() => {
    setConnected(service.isConnected());
    return service.onStateChange(() => setConnected(service.isConnected()));
  }, [service]);

  useEffect(() => {
    const types = (key === '' ? [] : key.split(SEPARATOR)) as E[];
    // data of types this component no longer asks for must not linger
    setEvents((previous) => keepOnly(previous, types));
    if (types.length === 0) return undefined;
    const offs = types.map((type) =>
      service.on(type, (data) => {
        setEvents((previous) => ({ ...previous, [type]: data }));
      }),
    );
    // a failed subscribe reaches the app through websocketService.onError
    service.subscribe(types).catch(() => undefined);
    return () => {
      for (const off of offs) off();
      void service.unsubscribe(types);
    };
  }, [key, service]);

  return { events, isConnected };
}

function keepOnly<E extends EventType>(
  events: LatestEvents<E>,
  types: readonly E[],
): LatestEvents<E> {
  const stale = (Object.keys(events) as E[]).filter((type) => !types.includes(type));
  if (stale.length === 0) return events; // same object: no re-render
  const kept: LatestEvents<E> = { ...events };
  for (const type of stale) delete kept[type];
  return kept;
}
