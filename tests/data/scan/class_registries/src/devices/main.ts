import { deviceLinks } from './DeviceLinks';

deviceLinks.start();
const stopState = deviceLinks.listen('gateway/state', (payload) => console.debug('state', payload));
window.addEventListener('beforeunload', () => {
  stopState();
  deviceLinks.stop();
});
