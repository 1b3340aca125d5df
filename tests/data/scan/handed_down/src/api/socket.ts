import { WS_BASE } from './config';

export type StreamCb<T = any> = (data: T) => void;

export interface SocketParams {
  isJson?: boolean;
  protocols?: string[];
}

/**
 * Opens the socket behind every stream. `cb` gets each frame, parsed when `isJson`.
 */
export async function openStream<T>(
  path: string,
  cb: StreamCb<T>,
  onFail: () => void,
  params?: SocketParams
): Promise<{ close: () => void; socket: WebSocket | null }> {
  const { isJson = false, protocols = [] } = params || {};
  let closing = false;
  let socket: WebSocket | null = null;

  try {
    socket = new WebSocket(WS_BASE + path, ['base64.binary.k8s.io', ...protocols]);
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', onClose);
  } catch (error) {
    console.error(error);
  }

  return { close, socket };

  function close() {
    closing = true;
    if (socket) socket.close();
  }

  function onMessage(body: MessageEvent) {
    if (closing) return;
    const item = isJson ? JSON.parse(body.data) : body.data;
    cb(item);
  }

  function onClose() {
    if (closing) return;
    closing = true;
    if (socket) {
      socket.removeEventListener('message', onMessage);
      socket.removeEventListener('close', onClose);
    }
    onFail();
  }
}
