import { WS_BASE } from '../lib/env';
import type { SessionMessage, SessionUser } from '../types/messages';
import { MESSAGE_TYPES, SESSION_IDLE_MS } from './constants';

// Keep-alive frames: never shown, never logged.
const QUIET = new Set(['ping', 'pong']);

export type SessionState =
  | { status: 'anonymous'; reason?: string }
  | { status: 'authenticating' }
  | { status: 'authenticated'; user: SessionUser };

let state: SessionState = { status: 'anonymous' };
let socket: WebSocket | null = null;
let lastSeen = 0;
const listeners = new Set<(s: SessionState) => void>();

function setState(next: SessionState): void {
  state = next;
  listeners.forEach((fn) => fn(state));
}

export function onSessionChange(fn: (s: SessionState) => void): () => void {
  listeners.add(fn);
  fn(state);
  return () => {
    listeners.delete(fn);
  };
}

export function startSession(token: string): void {
  socket?.close();
  const ws = new WebSocket(`${WS_BASE}/ws/session`);
  socket = ws;
  setState({ status: 'authenticating' });

  // the token goes in the first frame, not in the URL
  ws.onopen = () => ws.send(JSON.stringify({ type: MESSAGE_TYPES.AUTH, token }));

  ws.onmessage = (event: MessageEvent<string>) => {
    let msg: SessionMessage;
    try {
      msg = JSON.parse(event.data);
    } catch {
      return;
    }
    const gap = Date.now() - lastSeen;
    lastSeen = Date.now();
    if (QUIET.has(msg.type)) return;
    if (['heartbeat', 'timeout'].includes(msg.type)) {
      if (gap > SESSION_IDLE_MS) console.info('session: no traffic for a long time');
      return;
    }

    switch (msg.type) {
      case MESSAGE_TYPES.AUTH_OK:
        if (msg.user) setState({ status: 'authenticated', user: msg.user });
        break;
      case MESSAGE_TYPES.AUTH_FAILED:
        setState({ status: 'anonymous', reason: msg.reason ?? 'invalid credentials' });
        ws.close();
        break;
      case MESSAGE_TYPES.SESSION_REVOKED:
        setState({ status: 'anonymous', reason: 'signed out elsewhere' });
        break;
      default:
        console.debug('session: unhandled frame', msg.type);
    }
  };

  ws.onclose = () => {
    if (socket === ws) socket = null;
  };
}

export function endSession(): void {
  if (socket?.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ type: MESSAGE_TYPES.LOGOUT }));
  }
  socket?.close();
  setState({ status: 'anonymous' });
}
