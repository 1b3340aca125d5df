import { watchSearch } from "./liveSearch";

export function mountSearch(list: HTMLElement): () => void {
  const ws = watchSearch((hit) => {
    if (hit.cmd === "hit") list.append(String(hit.data.title));
    else if (hit.cmd === "done") list.dataset.done = "1";
  });
  return () => ws.close();
}
