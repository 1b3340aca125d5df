// Runtime endpoints. The SPA is always served by the same host as the API gateway,
// so both origins are derived from the page location.
const secure = window.location.protocol === 'https:';

export const WS_ORIGIN = `${secure ? 'wss' : 'ws'}://${window.location.host}`;
export const API_BASE = '/api/v1';

export const FEATURE_FLAGS = {
  zoneBulkEdit: false,
  showLatencyGraph: true,
} as const;
