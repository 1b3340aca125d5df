// A small external store fed by the WebSocket that LiveProvider owns: components read one
// channel each through useSyncExternalStore, so a frame re-renders only its readers.
import { LIVE_CHANNELS, type LiveFrame } from './types';

type Listener = () => void;

const values = new Map<string, unknown>();
const listeners = new Map<string, Set<Listener>>();
let lastSensors: string | null = null;

function notify(channel: string) {
  for (const l of Array.from(listeners.get(channel) ?? [])) l();
}

function storeValue(channel: string, body: unknown) {
  if (values.get(channel) === body) return;
  values.set(channel, body);
  notify(channel);
}

function expandSensors(body: string) {
  if (body === lastSensors) return; // the same snapshot again: nothing to do
  lastSensors = body;
  const readings = JSON.parse(body) as Record<string, number>;
  for (const [sensor, value] of Object.entries(readings)) storeValue(`sensor/${sensor}`, value);
}

export function resetLiveStore() {
  values.clear();
  listeners.clear();
  lastSensors = null;
}

// Called with the frame's text exactly as the socket delivered it.
export function routeFrame(raw: string) {
  if (raw === 'pong') return; // the server's answer to our keep-alive, not JSON
  const frame: LiveFrame = JSON.parse(raw);
  if (!frame) return;

  const { channel, body } = frame;
  if (channel === LIVE_CHANNELS.SENSORS) {
    expandSensors(body as string);
  } else if (channel === 'door_events') {
    storeValue('doors', body);
    notify('doors:log');
  } else {
    storeValue(channel, body);
  }
}

export function subscribeChannel(channel: string, listener: Listener): () => void {
  let set = listeners.get(channel);
  if (!set) listeners.set(channel, (set = new Set()));
  set.add(listener);
  return () => set!.delete(listener);
}

export function readChannel(channel: string): unknown {
  return values.get(channel);
}

export function isSensorChannel(name: string): boolean {
  return name === 'sensor_readings' || name.startsWith('sensor/');
}
