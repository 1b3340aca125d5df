import { openLegacySocket } from '../services/legacySocket';
/** The mission's events, each with the time the ground station stamped on it. */

export interface Reached {
  at: Date;
  waypoint: number;
}

export class MissionLog {
  private socket: WebSocket | null = null;
  readonly reached: Reached[] = [];
  readonly breaches: Date[] = [];

  open(): void {
    this.socket = openLegacySocket(`${location.origin.replace(/^http/, 'ws')}/ws/events`);
    this.socket.onmessage = (event: MessageEvent) => {
      const msg = JSON.parse(event.data);
      switch (msg.type) {
        case 'waypoint_reached':
          this.reached.push({ at: new Date(msg.at), waypoint: msg.payload.waypoint });
          break;
        case 'geofence_breach':
          this.breaches.push(new Date(msg.at));
          break;
      }
    };
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }
}

export const missionLog = new MissionLog();
