// Build-time configuration with same-origin fallbacks for local development.

const env = (import.meta as unknown as { env: Record<string, string | undefined> }).env;

export const API_BASE = env.VITE_API_BASE ?? '/api';

export const WS_BASE: string =
  env.VITE_WS_BASE ?? `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}`;

export const IS_DEV = env.MODE === 'development';
