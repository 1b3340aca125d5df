export type Reply = { type: 'ok' | 'error' | 'patch'; id?: string; detail?: string };

/** What a connected document does with the server's replies. */
export class DocSession {
  constructor(readonly docId: string) {}

  handle(reply: Reply): void {
    switch (reply.type) {
      case 'ok':
        break;
      case 'patch':
        console.debug('patch for', this.docId);
        break;
      case 'error':
        console.warn(reply.detail);
        break;
    }
  }
}
