// new WebSocket('/ws/comment') is how the old code did it.
/* const x = new WebSocket('/ws/block-comment'); */
class WebSocketMock {
  constructor(public url: string) {}
}

export const hint = "new WebSocket('/ws/in-a-string')";
export const tpl = `use new WebSocket('/ws/in-a-template') no more`;
export const mock = new WebSocketMock('/ws/mock');

export function Help() {
  return <p>Do not call new WebSocket('/ws/jsx-text') in components.</p>;
}
