import { derived, writable } from "svelte/store";

export interface Envelope {
  section: string;
  [key: string]: unknown;
}

function createSocketStore(path: string) {
  const { subscribe, set } = writable<Envelope | null>(null);
  let ws: WebSocket | undefined;

  function open() {
    ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`);
    ws.addEventListener("message", (event) => set(JSON.parse(event.data)));
    ws.addEventListener("close", () => setTimeout(open, 2000));
  }

  function send(frame: object) {
    ws?.send(JSON.stringify(frame));
  }

  open();
  return { subscribe, send };
}

export const panel = createSocketStore("/ws/panel");

// one store per page: it keeps the last frame of its own section, or the placeholder
function sectionStore<T extends Envelope>(placeholder: T) {
  return derived(panel, ($panel) => {
    if ($panel && $panel.section === placeholder.section) {
      return $panel as T;
    }
    return placeholder;
  });
}

export const diskStore = sectionStore({ section: "disks", disks: [] });
export const netStore = sectionStore({ section: "network", links: [] });
export const userStore = sectionStore({ section: "accounts", users: [], admins: 0 });
