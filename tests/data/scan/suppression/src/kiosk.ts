export function kiosk(token: string) {
  // ws-migrate-ignore: legacy-connection the kiosk build keeps its own socket
  const kept = new WebSocket('/ws/health');
  const noisy = new WebSocket(`/ws/security?token=${token}`); // ws-migrate-ignore: token-in-url rotated hourly
  // ws-migrate-ignore: insecure-ws only the other rule
  const both = new WebSocket(`ws://localhost:9000/ws/system?token=${token}`);
  // ws-migrate-ignore
  const all = new WebSocket('/ws/admin');
  return [kept, noisy, both, all];
}
