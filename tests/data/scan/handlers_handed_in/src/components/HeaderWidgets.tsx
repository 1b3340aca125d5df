import { useEffect, useState } from 'react';
import { alertsWS } from '../realtime/channels';
import { useRealtime, type RealtimeEvent } from '../realtime/RealtimeContext';

export function AlarmBell() {
  const [unread, setUnread] = useState(0);
  const [ringing, setRinging] = useState(false);

  useEffect(() => {
    const ring = () => {
      setUnread((n) => n + 1);
      setRinging(true);
    };
    return alertsWS.on('alarm', ring);
  }, []);

  // stop the animation after a moment
  useEffect(() => {
    if (!ringing) return undefined;
    const t = setTimeout(() => setRinging(false), 1200);
    return () => clearTimeout(t);
  }, [ringing]);

  return (
    <button className={ringing ? 'bell bell--ring' : 'bell'} onClick={() => setUnread(0)}>
      🔔 {unread > 0 && <span className="count">{unread}</span>}
    </button>
  );
}

export function ShiftIndicator() {
  const { connected, registerEventHandler } = useRealtime();
  const [shift, setShift] = useState<string | null>(null);

  useEffect(() => {
    const handleShift = (event: RealtimeEvent<{ shift: string }>) => {
      setShift(event.type === 'shift_started' ? event.payload.shift : null);
    };
    return registerEventHandler('shift-indicator', ['shift_started', 'shift_ended'], handleShift);
  }, [registerEventHandler]);

  return <span className={connected ? 'shift' : 'shift shift--stale'}>{shift ?? 'No shift'}</span>;
}
