import Sockette from 'sockette';

let count = 0;

export const alerts = new Sockette('/ws/alerts', {
  timeout: 5000,
  maxAttempts: 10,
  onmessage: (event) => {
    const msg = JSON.parse(event.data);
    if (msg.type === 'alert') count += 1;
  },
  onreconnect: () => console.info('alerts: reconnecting'),
});

export const alertCount = () => count;
