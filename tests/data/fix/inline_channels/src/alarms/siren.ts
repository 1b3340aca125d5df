import { alarmsChannel } from '../realtime/FloorChannel';
import { currentUser } from '../session';

let ringing = false;

/** The siren page may be opened alone (a wall screen): it connects its own channel. */
export function mountSiren(token: string): void {
  alarmsChannel.connect(token);
  alarmsChannel.on('fire_alarm', () => {
    ringing = true;
    console.warn('fire alarm, acknowledged by', currentUser() ?? 'nobody');
  });
}

export function isRinging(): boolean {
  return ringing;
}
