import { useLiveLog } from './useLiveLog';

export const useApiLog = (onLine: (line: string) => void) => useLiveLog('api', onLine);
