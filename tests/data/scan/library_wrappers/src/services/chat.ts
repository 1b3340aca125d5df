import Sockette from 'sockette';
import { io, type Socket } from 'socket.io-client';
import { wsUrl } from '../lib/urls';

// Team chat still rides the legacy gateway; the support desk moved to the vendor's Socket.IO server.

export type ChatStatus = 'offline' | 'online' | 'reconnecting';

export interface ChatMessage {
  id: string;
  from: string;
  text: string;
  reactions: Record<string, number>;
}

export const messages: ChatMessage[] = [];
let status: ChatStatus = 'offline';
let team: Sockette | null = null;
let support: Socket | null = null;

function setStatus(next: ChatStatus): void {
  status = next;
  document.dispatchEvent(new CustomEvent('chat:status', { detail: status }));
}

function handleTeamFrame(e: MessageEvent): void {
  let frame;
  try {
    frame = JSON.parse(e.data);
  } catch {
    return;
  }
  if (frame.type === 'message') {
    messages.push({ ...frame.message, reactions: {} });
  } else if (frame.type === 'edited') {
    const m = messages.find((x) => x.id === frame.id);
    if (m) m.text = frame.text;
  } else if (frame.type === 'reaction') {
    const m = messages.find((x) => x.id === frame.id);
    if (m) m.reactions[frame.emoji] = (m.reactions[frame.emoji] ?? 0) + 1;
  }
}

export function connectTeamChat(): void {
  if (team) return;
  team = new Sockette(wsUrl('/ws/team-chat'), {
    timeout: 5000,
    maxAttempts: 10,
    onopen: () => setStatus('online'),
    onmessage: (e) => handleTeamFrame(e),
    onreconnect: () => setStatus('reconnecting'),
    onclose: () => setStatus('offline'),
    onerror: (e) => console.warn('[chat] socket error', e),
  });
}

export function sendTeamMessage(text: string): void {
  team?.json({ type: 'say', text });
}

export function connectSupport(ticketId: string): Socket {
  support ??= io(import.meta.env.VITE_SUPPORT_URL, {
    path: '/rt/socket.io',
    query: { ticketId },
    transports: ['websocket'],
  });
  support.on('agent_message', (m: { text: string }) => messages.push({ id: crypto.randomUUID(), from: 'support', text: m.text, reactions: {} }));
  support.on('agent_typing', () => document.dispatchEvent(new CustomEvent('support:typing')));
  return support;
}
