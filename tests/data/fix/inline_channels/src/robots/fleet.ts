import { robotsChannel } from '../realtime/FloorChannel';

export const stalled = new Set<string>();

export function watchFleet(): void {
  robotsChannel.on('robot_stalled', (robot: { id: string }) => stalled.add(robot.id));
}

/** The operator's "retry" button when the fleet view freezes. */
export function retryFleet(): void {
  robotsChannel.reconnect();
}
