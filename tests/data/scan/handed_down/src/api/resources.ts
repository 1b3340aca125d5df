import { watchCollection } from './watch';

export function listPods(namespace: string, cb: (items: any[]) => void) {
  return watchCollection(`/api/v1/namespaces/${namespace}/pods`, { cb });
}

export function listDeployments(cb: (items: any[]) => void) {
  return watchCollection('/apis/apps/v1/deployments', {
    cb,
    errCb: err => console.error('deployments', err),
  });
}
