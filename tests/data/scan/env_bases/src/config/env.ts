// Everything the build injects, in one place.
export default {
  wsBase: import.meta.env.VITE_WS_BASE as string,
  api: import.meta.env.VITE_API_URL as string,
  debug: import.meta.env.DEV,
};

export const FEED_URL: string = import.meta.env.VITE_FEED_URL;
