import { Endpoints } from "./endpoints";

let current: Endpoints | null = null;

export function endpoints(): Endpoints {
  current ??= new Endpoints(new URL(window.location.href));
  return current;
}

export function useEndpoints(): Endpoints {
  return endpoints();
}
