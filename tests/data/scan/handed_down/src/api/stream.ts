import { openStream, StreamCb } from './socket';

export interface StreamArgs {
  isJson?: boolean;
  failCb?: (reason: { kind: string }) => void;
}

/** A stream that connects again 3 s after it fails, until it is cancelled. */
export function stream<T>(url: string, cb: StreamCb<T>, args: StreamArgs) {
  let connection: { close: () => void; socket: WebSocket | null } | null = null;
  let cancelled = false;
  const { isJson = false, failCb } = args;

  connect();

  return { cancel, getSocket };

  function getSocket() {
    return connection ? connection.socket : null;
  }

  function cancel() {
    cancelled = true;
    if (connection) connection.close();
  }

  async function connect() {
    try {
      connection = await openStream(url, cb, onFail, { isJson });
    } catch (error) {
      onFail();
    }
  }

  function onFail() {
    if (failCb) failCb({ kind: 'closed' });
    if (!cancelled) setTimeout(connect, 3000);
  }
}
