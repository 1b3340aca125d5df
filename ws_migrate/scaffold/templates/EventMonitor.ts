/**
 * The guide's "Event Monitor": the last events the connection received (type, data, seq and
 * when), the connection's state, and a way to clear them — for a debug panel in development.
 *
 *   <EventMonitor />                                     // what the app subscribes to anyway
 *   <EventMonitor subscribe={[EventType.X]} limit={50} /> // and subscribe to X while shown
 *
 * It listens with `websocketService.onMessage`, so it sees every event that reaches the client
 * without adding handlers (`on`) of its own, and it subscribes only to what it is told to.
 * Written with `createElement`, so it needs no JSX settings; `useEventMonitor` is the same
 * without the markup.
 */

import { createElement as h, useCallback, useEffect, useRef, useState, type ReactElement } from 'react';

import { websocketService, type UnifiedWebSocketService } from '{{service_module}}';
import type { ConnectionState, EventType } from '{{types_module}}';

export const DEFAULT_LIMIT = 100;

export interface MonitoredEvent {
  /** Increases with each event the monitor sees: a stable React key. */
  id: number;
  type: EventType;
  data: unknown;
  seq: number;
  /** When the server published it (ISO 8601). */
  ts: string;
  /** When this client received it (ISO 8601). */
  timestamp: string;
}

export interface EventMonitorOptions {
  /** How many events to keep: the newest. Default 100. */
  limit?: number;
  /** Event types to subscribe to while mounted (reference-counted with the app's own). */
  subscribe?: readonly EventType[];
  service?: UnifiedWebSocketService;
  /** The time of receipt. Default: `new Date()`. Tests pass their own. */
  now?: () => Date;
}

export interface EventMonitorState {
  events: MonitoredEvent[];
  state: ConnectionState;
  clear: () => void;
}

// Event type names are identifiers: a comma cannot occur inside one.
const SEPARATOR = ',';

/** The newest `limit` events and the connection state, kept while the component is mounted. */
export function useEventMonitor(options: EventMonitorOptions = {}): EventMonitorState {
  const service = options.service ?? websocketService;
  const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
  const clock = useRef(options.now);
  clock.current = options.now; // the latest, without subscribing again for a new function
  const counter = useRef(0);
  const [events, setEvents] = useState<MonitoredEvent[]>([]);
  const [state, setState] = useState<ConnectionState>(() => service.getState());
  const key = Array.from(new Set(options.subscribe ?? [])).sort().join(SEPARATOR);

  useEffect(() => {
    setState(service.getState());
    const offMessage = service.onMessage((message) => {
      if (message.type !== 'event') return;
      const received = (clock.current?.() ?? new Date()).toISOString();
      const entry: MonitoredEvent = {
        id: counter.current++, type: message.eventType, data: message.data, seq: message.seq,
        ts: message.ts, timestamp: received,
      };
      setEvents((previous) => [...previous.slice(-(limit - 1)), entry]);
    });
    const offState = service.onStateChange(setState);
    return () => {
      offMessage();
      offState();
    };
  }, [service, limit]);

  useEffect(() => {
    const types = (key === '' ? [] : key.split(SEPARATOR)) as EventType[];
    if (types.length === 0) return undefined;
    // a failed subscribe reaches the app through websocketService.onError
    service.subscribe(types).catch(() => undefined);
    return () => {
      void service.unsubscribe(types);
    };
  }, [key, service]);

  const clear = useCallback(() => setEvents([]), []);
  return { events, state, clear };
}

export interface EventMonitorProps extends EventMonitorOptions {
  title?: string;
}

/** A plain panel: the state, a Clear button, and each event newest first with its data. */
export function EventMonitor(props: EventMonitorProps): ReactElement {
  const { events, state, clear } = useEventMonitor(props);
  return h(
    'div',
    { className: 'ws-event-monitor' },
    h('h3', null, props.title ?? 'Event Monitor'),
    h('p', null, `Connection: ${state} · ${events.length} event${events.length === 1 ? '' : 's'} `,
      h('button', { type: 'button', onClick: clear }, 'Clear')),
    ...events
      .slice()
      .reverse()
      .map((event) =>
        h('div', { key: event.id, className: 'ws-event' },
          h('strong', null, event.type),
          ` #${event.seq} - ${event.timestamp}`,
          h('pre', null, JSON.stringify(event.data, null, 2)))),
  );
}
