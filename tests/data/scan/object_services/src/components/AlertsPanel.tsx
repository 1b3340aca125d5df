import { useEffect, useState } from 'react';
import { socketService } from '../services/socketService';

export function AlertsPanel() {
  const [open, setOpen] = useState<string[]>([]);

  useEffect(() => {
    const ws = socketService.connect('alerts', (m) => {
      if (m.kind === 'raised') setOpen((all) => [...all, String(m.id)]);
      else if (m.kind === 'cleared') setOpen((all) => all.filter((a) => a !== String(m.id)));
    });
    return () => socketService.disconnect(ws);
  }, []);

  return <ul>{open.map((a) => <li key={a}>{a}</li>)}</ul>;
}
