import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { safeJson, wsOrigin } from '../../lib/safeJson';
import type { BusFrame } from '../../types/realtime';

export interface RecorderStatus {
  recording: boolean;
  armed: boolean;
  peakDb: number[];
  diskFreeGb: number | null;
}

const INITIAL: RecorderStatus = { recording: false, armed: false, peakDb: [], diskFreeGb: null };

function handleBusFrame(msg: BusFrame, set: Dispatch<SetStateAction<RecorderStatus>>): void {
  if (msg.Topic === 'RecorderState') {
    // `state` is the recorder's own state machine, carried inside the payload.
    set((s) => ({
      ...s,
      recording: msg.payload.state === 'RECORDING',
      armed: msg.payload.state === 'ARMED',
    }));
  } else if (msg.Topic === 'MeterLevels') {
    set((s) => ({ ...s, peakDb: msg.payload.peaks as number[] }));
  } else if (msg.Topic === 'DiskSpace') {
    set((s) => ({ ...s, diskFreeGb: Math.round(msg.payload.freeBytes / 1e9) }));
  }
}

/** Live state of the studio recorder, bridged from the hardware bus. */
export function useRecorderStatus(): RecorderStatus {
  const [status, setStatus] = useState<RecorderStatus>(INITIAL);

  useEffect(() => {
    const ws = new WebSocket(wsOrigin() + '/ws/bus');
    ws.onmessage = (e) => {
      const msg = safeJson<BusFrame>(e.data);
      if (msg) handleBusFrame(msg, setStatus);
    };
    return () => {
      ws.onmessage = null;
      ws.close();
    };
  }, []);

  useEffect(() => {
    document.body.classList.toggle('is-recording', status.recording);
  }, [status.recording]);

  return status;
}
