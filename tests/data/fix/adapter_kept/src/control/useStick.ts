import { useEffect, useRef } from 'react';

import { useLink } from '../link/useLink';
import type { Ack } from '../telemetry/types';

/** The joystick: each move goes up the link; the last acknowledged move's number is kept. */
export function useStick(): { move: (x: number, y: number) => void; acked: () => number } {
  const lastAck = useRef(0);
  const { open, close, sendJsonMessage } = useLink<Ack>((ack) => {
    lastAck.current = ack.seq;
  });
  const seq = useRef(0);
  useEffect(() => {
    open('/ws/link/stick');
    return close;
  }, []);
  const move = (x: number, y: number) => {
    seq.current += 1;
    sendJsonMessage({ seq: seq.current, x, y });
  };
  return { move, acked: () => lastAck.current };
}
