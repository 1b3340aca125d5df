/**
 * Event types and wire protocol of the unified WebSocket system: one connection per user,
 * typed event subscriptions.
 *
 * `EventType` and `EVENT_ROLES` come from the migration rules: change the rules and run
 * `ws-migrate init` again rather than editing them here. Payload types go in a file of your own
 * (see `EventPayloads`), so that this one stays regenerable.
 */

/** Every event the server can push. */
export enum EventType {
{{event_members}}
}

/** A role the server checks before it grants a subscription. */
export type Role = {{role_union}};

/** The roles that may receive each event type: the server denies a subscription to anyone else. */
export const EVENT_ROLES: Readonly<Record<EventType, readonly Role[]>> = {
{{event_roles}}
};

/**
 * The payload (`data`) of the event types you describe, declared from a file of your own
 * (name this module as that file imports it):
 *
 *   declare module '{{self_module}}' {
 *     interface EventPayloads {
 *       [EventType.{{example_event}}]: { status: string };
 *     }
 *   }
 *
 * `websocketService.on` and `useWebSocketEvents` then hand handlers typed data.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface EventPayloads {}

/** The payload of each event type: as declared in `EventPayloads`, else `unknown`. */
export type EventDataMap = {
  [E in EventType]: E extends keyof EventPayloads ? EventPayloads[E] : unknown;
};

/** Data of events of type `E`. */
export type EventData<E extends EventType> = EventDataMap[E];

/** The last sequence number seen per event type: the server replays what came after it. */
export type SinceMap = Partial<Record<EventType, number>>;

// --- client → server ---------------------------------------------------------------------------

/** Always the first message on a connection: the token never goes in the URL. */
export interface AuthMessage {
  type: 'auth';
  token: string;
}

export interface SubscribeMessage {
  type: 'subscribe';
  id: number;
  eventTypes: EventType[];
  /** Replay events after these sequence numbers (sent when re-subscribing after a reconnect). */
  since?: SinceMap;
}

export interface UnsubscribeMessage {
  type: 'unsubscribe';
  id: number;
  eventTypes: EventType[];
}

/** A fresh token for the open connection, before the old one expires. */
export interface RefreshMessage {
  type: 'refresh';
  token: string;
}

/** `ping` asks the server for a `pong`; `pong` answers a server `ping`. */
export interface PingMessage {
  type: 'ping';
}

export interface PongMessage {
  type: 'pong';
}

export type ClientMessage =
  | AuthMessage
  | SubscribeMessage
  | UnsubscribeMessage
  | RefreshMessage
  | PingMessage
  | PongMessage;

// --- server → client ---------------------------------------------------------------------------

/** The token was accepted (also the answer to a `refresh`). */
export interface AuthOkMessage {
  type: 'auth_ok';
  user: string;
  role: Role;
  /** The event types this user's role may subscribe to. */
  allowedEventTypes: EventType[];
}

/** The token was refused; on `auth` the server then closes with 4401, on `refresh` it does not. */
export interface AuthErrorMessage {
  type: 'auth_error';
  reason: string;
  code?: string;
}

export interface SubscribedMessage {
  type: 'subscribed';
  /** The request answered; none when the server says unasked that it lost events (`recovered: false`). */
  id?: number;
  /** The event types granted. */
  eventTypes: EventType[];
  /** The event types the user's roles may not receive. */
  denied?: EventType[];
  /** With `since`: false when the server's history no longer holds every missed event. */
  recovered?: boolean;
}

export interface UnsubscribedMessage {
  type: 'unsubscribed';
  id: number;
  eventTypes?: EventType[];
}

export interface EventMessage<E extends EventType = EventType> {
  type: 'event';
  eventType: E;
  data: EventDataMap[E];
  /** Increases per event type; a reconnecting client sends the last one it saw in `since`. */
  seq: number;
  /** When the server published the event (ISO 8601). */
  ts: string;
}

export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
  /** The `id` of the request that failed, when one did. */
  id?: number;
}

export type ServerMessage =
  | AuthOkMessage
  | AuthErrorMessage
  | SubscribedMessage
  | UnsubscribedMessage
  | EventMessage
  | PingMessage
  | PongMessage
  | ErrorMessage;

// --- connection --------------------------------------------------------------------------------

/**
 * Where the one connection is:
 * `idle` (never connected), `connecting` (socket opening), `authenticating` (auth sent),
 * `connected` (auth_ok received), `reconnecting` (waiting before the next attempt),
 * `auth_failed` (token refused: waiting for `reconnectWithToken`), `failed` (gave up after
 * `maxAttempts`), `disconnected` (closed by `disconnect()` or by the server).
 */
export type ConnectionState =
  | 'idle'
  | 'connecting'
  | 'authenticating'
  | 'connected'
  | 'reconnecting'
  | 'auth_failed'
  | 'failed'
  | 'disconnected';

/** Exponential backoff with jitter between reconnect attempts (delays in milliseconds). */
export interface ReconnectStrategy {
  maxAttempts: number;
  initialDelay: number;
  maxDelay: number;
  backoffFactor: number;
}

/** Close codes of the protocol. */
export const CloseCode = {
  /** A deliberate close (`disconnect()`): no reconnect. */
  NORMAL: 1000,
  /** The token is invalid: retrying with it would fail again. */
  BAD_TOKEN: 4401,
  /** The token expired: get a new one, then `reconnectWithToken`. */
  TOKEN_EXPIRED: 4403,
  /** No `auth` message arrived in time: a retry may succeed. */
  AUTH_TIMEOUT: 4408,
  /** The client read too slowly and was dropped: reconnecting recovers with `since`. */
  SLOW_CONSUMER: 4503,
} as const;
