import { dnsChannel, healthChannel, systemChannel } from '../lib/ChannelClient';

export const seen: unknown[] = [];

export function start(token: string): void {
  systemChannel.connect(token);
  systemChannel.on('zone_created', (payload) => seen.push(['system zone', payload]));
  systemChannel.on('bind_reload', (payload) => seen.push(['bind', payload]));
  systemChannel.on('status', (payload) => seen.push(['status', payload]));
  dnsChannel.connect(token);
  dnsChannel.on('zone_created', (payload) => seen.push(['dns zone', payload]));
  dnsChannel.on('zone_updated', (payload) => seen.push(['dns update', payload]));
  healthChannel.connect(token);
  healthChannel.on('forwarder_status', (payload) => seen.push(['forwarder', payload]));
}
