// Folder changes come in an envelope: { channel, data: { action, item: { type, path } } }.
// The kind of change is `data.action`; `data.item.type` says whether the item is a file or a
// folder, a property of the item, no kind of message.
const listeners = new Set<(path: string) => void>();

export function watchFolders(): WebSocket {
  const socket = new WebSocket(`wss://${location.host}/ws/folders`);
  socket.addEventListener("message", (event) => {
    const msg = JSON.parse(event.data);
    if (msg.data.action === "created" || msg.data.action === "renamed") {
      if (msg.data.item.type === "folder") document.title = `+ ${msg.data.item.path}`;
      listeners.forEach((l) => l(msg.data.item.path));
    } else if (msg.data.action === "deleted") {
      listeners.clear();
    }
  });
  return socket;
}

export function onFolderChange(l: (path: string) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
