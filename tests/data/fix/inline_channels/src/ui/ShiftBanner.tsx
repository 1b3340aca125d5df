import { useEffect, useState } from 'react';
import { shiftChannel } from '@/realtime';

export function ShiftBanner({ token }: { token: string }) {
  const [lead, setLead] = useState<string | null>(null);
  useEffect(() => {
    shiftChannel.connect(token);
    return shiftChannel.on('shift_changed', (shift: { lead: string }) => setLead(shift.lead));
  }, [token]);
  return <div className="shift">{lead ?? 'no lead yet'}</div>;
}
