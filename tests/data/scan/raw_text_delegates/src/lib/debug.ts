const enabled = () => localStorage.getItem('debug:frames') === '1';

export function traceFrame(text: string): void {
  if (!enabled() || text.length === 0) return;
  console.debug('[frame]', text.slice(0, 200));
}
