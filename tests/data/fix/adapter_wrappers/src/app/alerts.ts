import { alertsChannel, opsChannel } from '../lib/ChannelClient';

export interface Alert {
  id: string;
  level: 'warn' | 'crit';
}

export const open: Alert[] = [];

export function watchAlerts(token: string): void {
  alertsChannel.connect(token);
  alertsChannel.on('alert_raised', (payload) => open.push(payload as Alert));
  alertsChannel.on('alert_cleared', (payload) => {
    const gone = (payload as Alert).id;
    open.splice(0, open.length, ...open.filter((a) => a.id !== gone));
  });
}

export function watchDeploys(token: string, onDeploy: (service: string) => void): () => void {
  opsChannel.connect(token);
  return opsChannel.on('deploy_started', (payload) => onDeploy((payload as { service: string }).service));
}
