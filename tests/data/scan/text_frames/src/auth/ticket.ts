// Near miss: the text is compared with a value known only at run time, no kind of message.
export function awaitTicket(expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://${location.host}/auth/ticket`);
    ws.onmessage = (event) => {
      if (event.data === expected) {
        resolve();
      } else {
        reject(new Error("unexpected ticket"));
      }
      ws.close();
    };
  });
}
