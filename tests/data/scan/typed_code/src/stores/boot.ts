import { DocConnection } from '@/net/DocConnection';
import { StreamClient } from '@/net/StreamClient';
import { socketOrigin } from '@/net/urls';

// the app's start-up: one client built with a creator of sockets, one document connection
export function boot(config: { docId: string }): () => void {
  const stream = new StreamClient(`${socketOrigin()}/ws/stream`, (url) => new WebSocket(url));
  stream.listen((u) => console.debug(u.key));
  const doc = new DocConnection(config.docId);
  doc.connect();
  return () => doc.close();
}

const stop = boot({ docId: 'readme' });
window.addEventListener('beforeunload', stop);
