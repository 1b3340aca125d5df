import { listPods } from '../api/resources';

export function mountPodTable(el: HTMLElement) {
  return listPods('default', pods => {
    el.textContent = pods.map(p => p.metadata.name).join('\n');
  });
}
