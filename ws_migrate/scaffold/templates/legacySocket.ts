/**
 * A legacy per-topic socket, kept for the code that still opens one, over the unified service.
 *
 *   const ws = openLegacySocket(`/ws/health/${userId}?token=${token}`);   // was `new WebSocket(…)`
 *   ws.onmessage = (event) => { const msg = JSON.parse(event.data); … };  // unchanged
 *
 * `openLegacySocket(url)` returns an object with the WebSocket API (`onopen`, `onmessage`,
 * `onerror`, `onclose`, `addEventListener`, `readyState`, `close`) that opens no socket of its
 * own: it subscribes to the EventTypes the rules map the URL's endpoint to, and hands each event
 * to the code as the message that endpoint used to send (`{type: 'forwarder_status', payload}`,
 * or the event's data as the whole message for the endpoint's default event). The app keeps
 * its wrappers, hooks and classes as they are and opens one connection per user.
 *
 * The service connects once: with a token the URL carries (`?token=…`), or when the app calls
 * `websocketService.connect(token)`. While the service is connected the legacy socket is open;
 * when the service loses its connection the legacy socket closes (code 1006), as the old socket
 * did, so the code's own reconnect runs and opens a new one, which waits for the service.
 */

import { websocketService, type UnifiedWebSocketService } from '{{service_module}}';
import { EventType } from '{{types_module}}';

/** One legacy endpoint: its URL pattern and what each of its EventTypes was on its wire. */
export interface LegacyRoute {
  /** `/ws/health`, `/ws/{topic}/{user_id}`: a `{param}` matches one segment. */
  pattern: string;
  /** Where the legacy type sits in a message (`type`, `kind`, `data.op`). */
  typeField: string;
  /** Where its data sits. */
  payloadField: string;
  /** Each EventType and the legacy type it was sent as (null: the data is the whole message). */
  types: ReadonlyArray<readonly [EventType, string | null]>;
}

/** The legacy endpoints of the rules, most specific first. */
export const LEGACY_ROUTES: readonly LegacyRoute[] = [
{{routes}}
];

const PARAM = /^\{[^/]+\}$/;
const TOKEN_PARAMS = ['token', 'access_token', 'accessToken', 'jwt', 'auth'];

/** The route for `url` (absolute or a path): the first that matches its path, or undefined. */
export function legacyRouteFor(url: string): LegacyRoute | undefined {
  const path = pathOf(url);
  const got = path.split('/').filter((s) => s !== '');
  return LEGACY_ROUTES.find((route) => {
    const want = route.pattern.split('/').filter((s) => s !== '');
    // a per-user suffix (`/ws/health/42` of `/ws/health`) routes like the endpoint itself
    return got.length >= want.length && want.every((w, i) => PARAM.test(w) || w === got[i]);
  });
}

/** The token a legacy URL carries in its query (`?token=…`), if any. */
export function tokenOf(url: string): string | undefined {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
  const params = new URLSearchParams(query);
  for (const name of TOKEN_PARAMS) {
    const value = params.get(name);
    if (value) return value;
  }
  return undefined;
}

function pathOf(url: string): string {
  const noScheme = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, '');
  return noScheme.split(/[?#]/)[0] || '/';
}

/** The message `route` used to send for an event of `type` with `data`. */
export function legacyMessage(route: LegacyRoute, legacyType: string | null, data: unknown): unknown {
  if (legacyType === null) return data;
  const body: Record<string, unknown> = {};
  const keys = route.typeField.split('.');
  const last = keys.pop() ?? route.typeField;
  let holder = body;
  for (const key of keys) {
    const inner: Record<string, unknown> = {};
    holder[key] = inner;
    holder = inner;
  }
  holder[last] = legacyType;
  const existing = body[route.payloadField];
  body[route.payloadField] =
    isRecord(existing) && isRecord(data) ? { ...data, ...existing } : data;
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Listener = ((this: WebSocket, event: Event) => unknown) | null;

/** The WebSocket API of one legacy endpoint, over the unified service (see the module's doc). */
export class LegacySocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readyState = 0;
  readonly url: string;
  readonly protocol = '';
  readonly extensions = '';
  readonly bufferedAmount = 0;
  binaryType: BinaryType = 'blob';

  onopen: Listener = null;
  onmessage: ((this: WebSocket, event: MessageEvent) => unknown) | null = null;
  onerror: Listener = null;
  onclose: ((this: WebSocket, event: CloseEvent) => unknown) | null = null;

  private readonly route: LegacyRoute | undefined;
  private readonly service: UnifiedWebSocketService;
  private readonly offs: Array<() => void> = [];
  private subscribed = false;

  constructor(url: string | URL, service: UnifiedWebSocketService = websocketService) {
    super();
    this.url = String(url);
    this.service = service;
    this.route = legacyRouteFor(this.url);
    if (this.route === undefined) {
      // no rule maps this endpoint: it fails as a socket to an unknown path would
      queueMicrotask(() => this.fail(`no legacy route for ${this.url}`));
      return;
    }
    for (const [eventType, legacyType] of this.route.types) {
      const route = this.route;
      this.offs.push(
        service.on(eventType, (data) => this.deliver(legacyMessage(route, legacyType, data))),
      );
    }
    this.offs.push(service.onStateChange(() => this.follow()));
    void service.subscribe(this.route.types.map(([eventType]) => eventType)).catch(() => undefined);
    this.subscribed = true;
    const token = tokenOf(this.url);
    if (token !== undefined && !service.isConnected()) {
      service.connect(token).catch(() => undefined);
    }
    queueMicrotask(() => this.follow());
  }

  send(_data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.readyState !== this.OPEN) {
      throw new DOMException('the legacy socket is not open', 'InvalidStateError');
    }
    // a legacy request has no unified counterpart: `ws-migrate fix` leaves sockets that send alone
    this.emit('error', new Event('error'));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === this.CLOSING || this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSING;
    this.release();
    queueMicrotask(() => this.finish(code, reason, true));
  }

  /** Open while the service is connected; closed (1006) when it loses the connection. */
  private follow(): void {
    const connected = this.service.isConnected();
    if (this.readyState === this.CONNECTING && connected) {
      this.readyState = this.OPEN;
      this.emit('open', new Event('open'));
    } else if (this.readyState === this.OPEN && !connected) {
      this.readyState = this.CLOSING;
      this.release();
      this.finish(1006, 'the unified connection was lost', false);
    }
  }

  private deliver(message: unknown): void {
    if (this.readyState !== this.OPEN) return;
    this.emit('message', new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  private fail(why: string): void {
    this.readyState = this.CLOSING;
    this.release();
    this.emit('error', new Event('error'));
    this.finish(1006, why, false);
  }

  private release(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.subscribed && this.route !== undefined) {
      this.subscribed = false;
      void this.service.unsubscribe(this.route.types.map(([eventType]) => eventType)).catch(() => undefined);
    }
  }

  private finish(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    const event = Object.assign(new Event('close'), { code, reason, wasClean }) as CloseEvent;
    this.emit('close', event);
  }

  private emit(type: 'open' | 'error' | 'message' | 'close', event: Event): void {
    const self = this as unknown as WebSocket;
    if (type === 'message') this.onmessage?.call(self, event as MessageEvent);
    else if (type === 'close') this.onclose?.call(self, event as CloseEvent);
    else if (type === 'open') this.onopen?.call(self, event);
    else this.onerror?.call(self, event);
    this.dispatchEvent(event);
  }
}

/** `new WebSocket(url)` of a legacy endpoint, as `ws-migrate fix` rewrites it: see the module's doc. */
export function openLegacySocket(url: string | URL, _protocols?: string | string[]): WebSocket {
  return new LegacySocket(url) as unknown as WebSocket;
}
