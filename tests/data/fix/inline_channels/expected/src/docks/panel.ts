import { websocketService } from '../services/websocket';
import { EventType } from '../types/websocket';

export interface Truck {
  dock: number;
  plate: string;
}

export const arrivals: Truck[] = [];
let stop: (() => void) | null = null;

export function watchDocks(onTruck?: (truck: Truck) => void): void {
  stop = websocketService.on(EventType.TRUCK_ARRIVED, ((truck: Truck) => {
    arrivals.push(truck);
    onTruck?.(truck);
  }) as (data: any) => void);
}

/** The dock panel closes: its handler goes, and the docks' events stop. */
export function leaveDocks(): void {
  stop?.();
  stop = null;
  void websocketService.unsubscribe([EventType.TRUCK_ARRIVED]);
}
