import { watchDevServer } from "./liveReload";

if (import.meta.env.DEV) {
  watchDevServer();
}
