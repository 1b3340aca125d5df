import { ref } from 'vue';

import { useChannel } from './useChannel';

// the operator's console: each command is sent as typed, each answer appended
export function useConsole() {
  const lines = ref<string[]>([]);
  const { data, send } = useChannel<string>('/ws/console');
  const run = (command: string) => {
    lines.value.push(`> ${command}`);
    send(command);
  };
  return { lines, data, run };
}
