import { followLogs } from '../api/logs';
import { listDeployments } from '../api/resources';
import { watchEvents } from '../api/watch';

export function mountOverview(el: HTMLElement) {
  const stopDeployments = listDeployments(items => {
    el.dataset.deployments = String(items.length);
  });
  const events = watchEvents(list => {
    el.dataset.events = String(list.length);
  });
  const logs = followLogs('kube-system', 'coredns-0', lines => {
    el.textContent = lines.slice(-20).join('');
  });
  return () => {
    stopDeployments();
    events.cancel();
    logs.cancel();
  };
}
