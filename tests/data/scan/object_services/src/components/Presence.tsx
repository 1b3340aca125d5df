import { useEffect, useState } from 'react';
import { socketService, type Handler } from '../services/socketService';

const onPresence: (set: (n: number) => void) => Handler = (set) => (m) => {
  switch (m.kind) {
    case 'joined':
    case 'left':
      set(Number(m.count));
      break;
  }
};

export default function Presence() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const ws = socketService.connect('presence', onPresence(setCount));
    return () => ws.close();
  }, []);
  return <span>{count}</span>;
}
