import { MAX_BACKOFF_MS } from '../../config/realtime';

export type PipelineEvent =
  | { type: 'pipeline_started'; pipelineId: number; ref: string }
  | { type: 'pipeline_finished'; pipelineId: number; ok: boolean }
  | { type: 'runner_offline'; runner: string };

type Listener = (e: PipelineEvent) => void;

const listeners = new Set<Listener>();
const running = new Set<number>();
let ws: WebSocket | null = null;
let retries = 0;

/** Toasts and the header badge listen here; they never see the socket. */
export function onPipelineEvent(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function handleEvent(e: MessageEvent<string>): void {
  let msg: PipelineEvent;
  try {
    msg = JSON.parse(e.data);
  } catch {
    return;
  }
  if (msg.type === 'pipeline_started') running.add(msg.pipelineId);
  else if (msg.type === 'pipeline_finished') running.delete(msg.pipelineId);
  else if (msg.type !== 'runner_offline') return;
  listeners.forEach((fn) => fn(msg));
}

export function connectEvents(): void {
  const url = location.origin.replace(/^http/, 'ws') + '/ws/events';
  ws = new WebSocket(url);
  ws.onopen = () => {
    retries = 0;
  };
  ws.onmessage = handleEvent;
  ws.onclose = (ev) => {
    if (ev.code === 1000) return;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** retries++);
    setTimeout(connectEvents, delay);
  };
}

export function runningPipelines(): number[] {
  return [...running];
}
