export interface Altitude {
  meters: number;
}

export interface Battery {
  volts: number;
  percent: number;
}

export interface Ack {
  seq: number;
}
