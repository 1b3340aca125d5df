import { useEffect, useState } from 'react';
import { WS_BASE } from '../lib/env';
import { EventType, Severity, severityLabel } from '../realtime/constants';
import type { StatusMessage, SystemState } from '../types/messages';

interface MaintenanceWindow {
  from: string;
  to: string;
}

const fmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SystemStatusBar() {
  const [state, setState] = useState<SystemState>('ok');
  const [severity, setSeverity] = useState<Severity>(Severity.Info);
  const [maintenance, setMaintenance] = useState<MaintenanceWindow | null>(null);

  useEffect(() => {
    const ws = new WebSocket(`${WS_BASE}/ws/status`);
    ws.onmessage = (event: MessageEvent<string>) => {
      const msg: StatusMessage = JSON.parse(event.data);
      if (msg.type === EventType.SYSTEM_STATUS) {
        setState(msg.payload.state);
        setSeverity(msg.payload.severity);
      } else if (msg.type === EventType.MAINTENANCE_WINDOW) {
        setMaintenance(msg.payload);
      } else if (EventType.MAINTENANCE_CANCELLED === msg.type) {
        setMaintenance(null);
      }
    };
    return () => ws.close();
  }, []);

  const loud = severity >= Severity.Major;

  return (
    <div className={`status-bar status-bar--${state}${loud ? ' status-bar--loud' : ''}`}>
      <span title={severityLabel(severity)}>System {state}</span>
      {maintenance && (
        <span>
          Maintenance {fmt.format(new Date(maintenance.from))} – {fmt.format(new Date(maintenance.to))}
        </span>
      )}
    </div>
  );
}
