import { PUBLIC_EVENTS_PATH } from '$env/static/public';
import { writable } from 'svelte/store';

export const banner = writable('');

export function connectEvents(): () => void {
  const ws = new WebSocket(`${location.origin.replace('http', 'ws')}${PUBLIC_EVENTS_PATH}`);
  ws.addEventListener('message', (ev) => {
    const { event, text } = JSON.parse(ev.data);
    if (event === 'maintenance') banner.set(text);
  });
  return () => ws.close();
}
