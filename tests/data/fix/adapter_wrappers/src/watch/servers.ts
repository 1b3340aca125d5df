import { useWatch, type Change } from './useWatch';

export interface Server {
  name: string;
  region: string;
}

export const useServerWatch = (onChange: (change: Change, server: Server) => void) =>
  useWatch<Server>('servers', onChange);
