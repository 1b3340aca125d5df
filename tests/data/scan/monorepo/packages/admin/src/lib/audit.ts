// admin's own helper module, also reached as `@/lib/audit` (its own tsconfig's `@`)
export function auditUrl(scope: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/audit/${scope}`;
}
