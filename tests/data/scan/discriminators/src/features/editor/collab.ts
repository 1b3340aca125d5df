import { safeJson, wsOrigin } from '../../lib/safeJson';
import type { DocFrame, PresenceFrame } from '../../types/realtime';

/** The slice of the editor's buffer that remote edits need. */
export interface TextBuffer {
  insert(pos: number, text: string): void;
  remove(pos: number, len: number): void;
  format(pos: number, len: number, attrs: Record<string, unknown>): void;
  reset(text: string): void;
  onLocalEdit(fn: (op: unknown) => void): void;
}

export const peers = new Map<string, { x: number; y: number }>();

// Cursor presence for everyone in the editor, whatever document they have open.
export function startPresence(): () => void {
  const ws = new WebSocket(`${wsOrigin()}/ws/presence`);
  ws.onmessage = (e) => {
    const msg = safeJson<PresenceFrame>(e.data);
    if (!msg) return;
    if (msg.op === 'hello') {
      peers.set(msg.peer, { x: 0, y: 0 });
    } else if (msg.op === 'move') {
      peers.set(msg.peer, { x: msg.x ?? 0, y: msg.y ?? 0 });
    } else if (msg.op === 'bye') {
      peers.delete(msg.peer);
    }
    window.dispatchEvent(new Event('presence:change'));
  };
  return () => ws.close();
}

let lastSeq = 0;

function applyRemote(buffer: TextBuffer, msg: DocFrame): void {
  if (msg.seq <= lastSeq) return; // replayed after a reconnect
  lastSeq = msg.seq;
  switch (msg.data.op) {
    case 'insert':
      buffer.insert(msg.data.pos ?? 0, msg.data.text ?? '');
      break;
    case 'delete':
      buffer.remove(msg.data.pos ?? 0, msg.data.len ?? 1);
      break;
    case 'format':
      buffer.format(msg.data.pos ?? 0, msg.data.len ?? 0, msg.data.attrs ?? {});
      break;
    case 'snapshot':
      buffer.reset(msg.data.text ?? '');
      break;
    default:
      console.warn('[collab] unknown op', msg.data);
  }
}

// Operational edits of the document named in the page URL (?doc=...).
export function startDocSync(buffer: TextBuffer): () => void {
  const docId = new URLSearchParams(location.search).get('doc') ?? 'scratch';
  const ws = new WebSocket(`${wsOrigin()}/ws/docs/${docId}`);
  ws.onmessage = (e) => {
    const msg = safeJson<DocFrame>(e.data);
    if (msg) applyRemote(buffer, msg);
  };
  buffer.onLocalEdit((op) => ws.send(JSON.stringify({ data: op })));
  return () => ws.close();
}
