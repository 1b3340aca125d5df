import { alerts } from './alerts';
import { deployOps } from './channel';

const rows = new Map<string, string>();

deployOps.on('DEPLOY_STARTED', (data) => rows.set(String(data), 'running'));
deployOps.on('DEPLOY_FINISHED', (data) => rows.set(String(data), 'done'));
deployOps.open();

alerts.on('critical', (text) => rows.set('alert', text));
alerts.on('warning', (text) => console.warn(text));
