import env from '../config/env';

type Listener<T> = (value: T | undefined) => void;

interface Envelope<T> {
  kind: 'snapshot' | 'patch' | 'gone';
  body: T;
}

/** A store kept up to date by the server, one socket per record being looked at. */
export function createLiveStore<T>(channel: string) {
  let value: T | undefined;
  let socket: WebSocket | null = null;
  const listeners = new Set<Listener<T>>();
  const emit = () => listeners.forEach((l) => l(value));

  const open = (id: string) => {
    socket?.close();
    socket = new WebSocket(`${env.wsBase}/${channel}/${id}`);
    socket.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as Envelope<T>;
      if (message.kind === 'snapshot') {
        value = message.body;
      } else if (message.kind === 'patch') {
        value = { ...(value as T), ...message.body };
      }
      emit();
    };
  };

  const subscribe = (listener: Listener<T>) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return { open, subscribe };
}
