// Helpers shared by the console views. Nothing here opens a socket.
export interface ConsoleParams {
  path: string;
  query: string;
  banner?: string;
}

export function encodeInput(text: string): string {
  return btoa(unescape(encodeURIComponent(text)));
}

export function decodeOutput(text: string): string {
  return decodeURIComponent(escape(atob(text)));
}
