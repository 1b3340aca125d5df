import { useEffect } from 'react';

declare function use(x: unknown): void;

export function FinalElse() {
  useEffect(() => {
    const ws = new WebSocket('/ws/health');
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'forwarder_status') {
        use(msg.payload);
      } else {
        use(msg);
      }
    };
    return () => ws.close();
  }, []);
  return null;
}

export function Sends() {
  useEffect(() => {
    const ws = new WebSocket('/ws/system');
    ws.onopen = () => ws.send('hello');
    ws.onmessage = (event) => use(JSON.parse(event.data));
    return () => ws.close();
  }, []);
  return null;
}

export function ReadsBeyondPayload() {
  useEffect(() => {
    const ws = new WebSocket('/ws/admin');
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.type === 'user_activity') {
        use(msg.timestamp);
      }
    };
    return () => ws.close();
  }, []);
  return null;
}
