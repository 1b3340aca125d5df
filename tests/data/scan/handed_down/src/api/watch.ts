import { stream } from './stream';

export type WatchEvent<T = any> = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR';
  object: T;
};

export interface WatchParams {
  cb: (items: any[]) => void;
  errCb?: (err: unknown) => void;
}

/** Lists a collection once, then keeps it current from the watch stream. */
export function watchCollection(url: string, params: WatchParams): () => void {
  const { cb, errCb } = params;
  const results: Record<string, any> = {};
  let socket: ReturnType<typeof stream> | undefined;

  run();

  return cancel;

  async function run() {
    try {
      const response = await fetch(url);
      const list = await response.json();
      for (const item of list.items) {
        results[item.metadata.uid] = item;
      }
      push();
      const watchUrl = `${url}?watch=1&resourceVersion=${list.metadata.resourceVersion}`;
      socket = stream(watchUrl, update, { isJson: true, failCb: reportFailure });
    } catch (err) {
      if (errCb) errCb(err);
    }
  }

  function cancel() {
    if (socket) socket.cancel();
  }

  function update({ type, object }: WatchEvent) {
    switch (type) {
      case 'ADDED':
        results[object.metadata.uid] = object;
        break;
      case 'MODIFIED': {
        const existing = results[object.metadata.uid];
        if (existing) {
          Object.assign(existing, object);
        } else {
          results[object.metadata.uid] = object;
        }
        break;
      }
      case 'DELETED':
        delete results[object.metadata.uid];
        break;
      case 'ERROR':
        console.error('watch error', object);
        break;
    }
    push();
  }

  function reportFailure(reason: { kind: string }) {
    if (reason.kind === 'closed') console.warn('watch closed', url);
  }

  function push() {
    cb(Object.values(results));
  }
}

/** The cluster's events, kept by id: no type told apart. */
export function watchEvents(onEvents: (events: any[]) => void) {
  const seen: Record<string, any> = {};
  return stream(
    '/api/v1/events?watch=1',
    (ev: any) => {
      seen[ev.object.metadata.uid] = ev.object;
      onEvents(Object.values(seen));
    },
    { isJson: true }
  );
}
