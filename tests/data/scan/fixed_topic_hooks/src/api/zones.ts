import { API_BASE } from '../config';

export interface Zone {
  id: string;
  name: string;
  records: number;
  serial: number;
}

export interface ForwarderStatus {
  address: string;
  healthy: boolean;
  latencyMs: number;
}

export type ServiceState = 'running' | 'stopped' | 'degraded';

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${API_BASE}${path}`, { credentials: 'include' });
  if (!res.ok) {
    throw new Error(`${res.status} ${res.statusText} for ${path}`);
  }
  return (await res.json()) as T;
}

export const listZones = () => getJson<Zone[]>('/zones');
export const listForwarders = () => getJson<ForwarderStatus[]>('/forwarders');

export async function deleteZone(id: string): Promise<void> {
  const res = await fetch(`${API_BASE}/zones/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    credentials: 'include',
  });
  if (!res.ok) throw new Error(`delete failed: ${res.status}`);
}
