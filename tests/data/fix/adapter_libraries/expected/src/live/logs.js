import { openLegacySocket } from '../services/legacySocket';

// the same code runs in the browser and in the CLI's Node process
export function tailLogs(onLine) {
  const ws = openLegacySocket('/ws/logs');
  ws.onmessage = (event) => {
    const entry = JSON.parse(String(event.data));
    onLine(`${entry.level}: ${entry.text}`);
  };
  return () => ws.close();
}
