declare global {
  interface Window {
    appRoot?: string;
  }
}

// the server puts the app under a prefix of its own choosing (`/yard/`)
export const baseUrl = `${window.location.protocol}//${window.location.host}${window.appRoot ?? "/"}`;

export const apiUrl = (path: string) => `${baseUrl}api/${path}`;
