import { useStream } from './useStream';

export interface Pose {
  x: number;
  y: number;
}

export interface Battery {
  percent: number;
}

export const usePose = (onPose: (pose: Pose) => void) => useStream<Pose>('pose', onPose);

export const useBattery = (onBattery: (battery: Battery) => void) =>
  useStream<Battery>('battery', onBattery);
