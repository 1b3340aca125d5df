// Where the back end listens; the host is the page's own.
const wsOrigin = () => location.origin.replace(/^http/, 'ws');

const urls = {
  socket(path: string): string {
    return `${wsOrigin()}/ws/${path}`;
  },
  events: () => `${wsOrigin()}/ws/events`,
  health: '/api/health',
};

export default urls;
