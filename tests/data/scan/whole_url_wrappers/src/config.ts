// Build-time configuration. VITE_WS_URL is only set for the staging build, where the
// gateway lives on its own subdomain; everywhere else sockets are same-origin.

const sameOrigin = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;

export const WS_BASE: string = import.meta.env.VITE_WS_URL ?? sameOrigin;

export const API_BASE = '/api';

export const FEATURES = {
  deployApprovals: import.meta.env.VITE_FEATURE_APPROVALS === 'true',
  queueHeatmap: false,
};
