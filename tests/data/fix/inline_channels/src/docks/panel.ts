import { dockChannel } from '../realtime/FloorChannel';

export interface Truck {
  dock: number;
  plate: string;
}

export const arrivals: Truck[] = [];
let stop: (() => void) | null = null;

export function watchDocks(onTruck?: (truck: Truck) => void): void {
  stop = dockChannel.on('truck_arrived', (truck: Truck) => {
    arrivals.push(truck);
    onTruck?.(truck);
  });
}

/** The dock panel closes: its handler goes, and the docks' events stop. */
export function leaveDocks(): void {
  stop?.();
  stop = null;
  dockChannel.disconnect();
}
