import { connectTransport } from '@acme/transport';

/** Ticks from the vendor's transport, which opens its own socket. */
export function useFeed(onTick: (tick: unknown) => void) {
  const transport = connectTransport('/ws/feed');
  transport.listen(onTick);
  return transport;
}
