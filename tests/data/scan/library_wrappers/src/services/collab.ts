import { WebSocket as PartyWebSocket } from 'partysocket';
import IsoWebSocket from 'isomorphic-ws';
import { wsUrl } from '../lib/urls';

export interface Stroke {
  id: string;
  points: Array<[number, number]>;
  color: string;
}

export interface BoardTemplate {
  id: string;
  name: string;
  strokes: Stroke[];
}

export const cursors = new Map<string, [number, number]>();
export const strokes: Stroke[] = [];

function currentBoardId(): string {
  return location.pathname.split('/').filter(Boolean).pop() ?? 'lobby';
}

function decode(raw: unknown) {
  try {
    return JSON.parse(String(raw));
  } catch {
    return null;
  }
}

/** Live whiteboard: partysocket's WebSocket is a drop-in replacement that reconnects. */
export function joinBoard(): () => void {
  const boardId = currentBoardId();
  const socket = new PartyWebSocket(wsUrl(`/ws/boards/${boardId}`));
  socket.addEventListener('message', (event) => {
    const msg = decode(event.data);
    if (!msg) return;
    if (msg.type === 'cursor') cursors.set(msg.user, [msg.x, msg.y]);
    else if (msg.type === 'stroke') strokes.push(msg.stroke);
    else if (msg.type === 'clear') strokes.length = 0;
  });
  return () => socket.close();
}

/**
 * One-shot read of the template gallery. Also run by scripts/prerender.ts under Node, where
 * there is no `window`; isomorphic-ws gives the same API in both places.
 */
export function fetchTemplates(): Promise<BoardTemplate[]> {
  const origin =
    typeof window === 'undefined' ? process.env.PRERENDER_WS_ORIGIN : window.location.origin.replace(/^http/, 'ws');
  return new Promise((resolve, reject) => {
    const ws = new IsoWebSocket(origin + '/ws/templates');
    ws.onmessage = (event) => {
      const msg = decode(event.data);
      if (msg?.type === 'snapshot') resolve(msg.templates);
      else if (msg?.type === 'error') reject(new Error(msg.message));
      ws.close();
    };
    ws.onerror = () => reject(new Error('template socket failed'));
  });
}
