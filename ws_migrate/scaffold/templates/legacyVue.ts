/**
 * VueUse's `useWebSocket`, kept for the code that still calls it, over the unified service.
 *
 *   const { data, status } = useLegacyVueWebSocket(`/ws/logs/${id}`, { autoReconnect: true }); // was
 *   watch(data, (text) => { … });                                          // `useWebSocket(…)`
 *
 * `useLegacyVueWebSocket(url, options)` takes what VueUse's hook takes and returns what it
 * returns (`data`, `status`, `ws`, `open`, `close`, `send`), and opens no socket of its own: the
 * socket is the legacy socket of `legacySocket.ts`, which subscribes to the EventTypes the rules
 * map the URL's endpoint to. As in VueUse: `immediate` opens it at once, `autoConnect` opens it
 * again when the URL changes, `autoClose` closes it with the scope, the handlers are set as the
 * socket's `on…` properties (code that sets `ws.value.onmessage` replaces them, as it did), and
 * with `autoReconnect` it stays subscribed through a lost connection and opens again when the
 * service is back. `heartbeat` means nothing over the service and is ignored.
 *
 * An endpoint that keeps its own socket (`keep_socket: true`: its code sends requests) needs
 * VueUse's hook, which `fix` hands in as the last argument (`useLegacyVueWebSocket(url, options,
 * useWebSocket)`): when the URL the call starts with is such an endpoint, VueUse's hook runs as
 * before and its result is returned.
 */

import { getCurrentScope, onScopeDispose, shallowRef, toValue, watch } from 'vue';
import type { MaybeRefOrGetter, ShallowRef } from 'vue';

import { keepsOwnSocket, openLegacySocket, openReconnectingLegacySocket } from '{{legacy_module}}';

export type LegacyWebSocketStatus = 'OPEN' | 'CONNECTING' | 'CLOSED';

/** VueUse's options of `useWebSocket`. */
export interface LegacyVueWebSocketOptions {
  onConnected?: (ws: WebSocket) => void;
  onDisconnected?: (ws: WebSocket, event: CloseEvent) => void;
  onError?: (ws: WebSocket, event: Event) => void;
  onMessage?: (ws: WebSocket, event: MessageEvent) => void;
  heartbeat?: unknown;
  autoReconnect?: unknown;
  immediate?: boolean;
  autoConnect?: boolean;
  autoClose?: boolean;
  protocols?: string[];
}

/** What VueUse's `useWebSocket` returns. */
export interface LegacyVueWebSocketReturn<T> {
  data: ShallowRef<T | null>;
  status: ShallowRef<LegacyWebSocketStatus>;
  close: WebSocket['close'];
  open: () => void;
  send: (data: string | ArrayBuffer | Blob, useBuffer?: boolean) => boolean;
  ws: ShallowRef<WebSocket | undefined>;
}

/** `useWebSocket(url, options)` of VueUse for a legacy endpoint, as `ws-migrate fix` rewrites it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useLegacyVueWebSocket<Data = any>(
  url: MaybeRefOrGetter<string | URL | undefined>,
  options: LegacyVueWebSocketOptions = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ownSocket?: (url: MaybeRefOrGetter<string | URL | undefined>, options: any) => unknown,
): LegacyVueWebSocketReturn<Data> {
  const first = toValue(url);
  if (ownSocket !== undefined && first !== undefined && keepsOwnSocket(String(first))) {
    return ownSocket(url, options) as LegacyVueWebSocketReturn<Data>; // it keeps its own socket
  }
  const data = shallowRef<Data | null>(null);
  const status = shallowRef<LegacyWebSocketStatus>('CLOSED');
  const ws = shallowRef<WebSocket | undefined>(undefined);
  const reconnects = options.autoReconnect !== undefined && options.autoReconnect !== false;
  let closedByUs = false;

  const close: WebSocket['close'] = (code = 1000, reason) => {
    const socket = ws.value;
    if (socket === undefined) return;
    closedByUs = true;
    ws.value = undefined;
    status.value = 'CLOSED';
    socket.close(code, reason);
  };

  const open = (): void => {
    close();
    const target = toValue(url);
    if (target === undefined) return;
    closedByUs = false;
    const socket = reconnects ? openReconnectingLegacySocket(String(target)) : openLegacySocket(String(target));
    ws.value = socket;
    status.value = 'CONNECTING';
    socket.onopen = () => {
      status.value = 'OPEN';
      options.onConnected?.(socket);
    };
    socket.onclose = (event) => {
      if (ws.value === socket) status.value = reconnects && !closedByUs ? 'CONNECTING' : 'CLOSED';
      options.onDisconnected?.(socket, event);
    };
    socket.onerror = (event) => options.onError?.(socket, event);
    socket.onmessage = (event) => {
      data.value = event.data as Data;
      options.onMessage?.(socket, event);
    };
  };

  const send = (payload: string | ArrayBuffer | Blob): boolean => {
    const socket = ws.value;
    if (socket === undefined || status.value !== 'OPEN') return false;
    socket.send(payload);
    return true;
  };

  if (options.immediate !== false) open();
  if (options.autoConnect !== false) watch(() => toValue(url), () => open());
  if (options.autoClose !== false && getCurrentScope() !== undefined) onScopeDispose(() => close());

  return { data, status, close, open, send, ws };
}
