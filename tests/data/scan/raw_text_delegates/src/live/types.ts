export type LiveChannel = 'sensor_readings' | 'door_events' | 'hvac/setpoint' | string;

export interface LiveFrame {
  channel: LiveChannel;
  body: unknown;
  retained?: boolean;
}

export const LIVE_CHANNELS = {
  SENSORS: 'sensor_readings',
  DOORS: 'door_events',
} as const;
