import { watch } from 'vue';

import { useChannel } from './useChannel';

/** Notices from the ground station, a line each, handed to `onNotice`. */
export function useNotices(onNotice: (text: string) => void) {
  const { data, status } = useChannel<string>('/ws/notices');
  watch(data, (text) => {
    if (text !== null) onNotice(text);
  });
  return status;
}
