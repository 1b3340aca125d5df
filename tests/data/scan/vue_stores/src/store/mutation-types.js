export const ALARM_RECEIVED = 'ALARM_RECEIVED';

export const SOCKET_ONOPEN = '⚡ feed open';
export const SOCKET_ONCLOSE = '⚡ feed closed';
export const SOCKET_ONERROR = '⚡ feed error';
export const SOCKET_ONMESSAGE = '⚡ feed message';
export const SOCKET_RECONNECT = '⚡ feed reconnecting';
export const SOCKET_RECONNECT_ERROR = '⚡ feed gave up';
