import { openCommands } from '../lib/commands';

export const acked: string[] = [];

export function deployer() {
  return openCommands((id) => acked.push(id));
}
