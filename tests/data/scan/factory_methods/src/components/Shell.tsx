import React from "react";
import { DataKit } from "@acme/datakit";
import { apiBase } from "../lib/origin";
import { createLiveFeed } from "../live/stream";

// The data kit calls the feed's `watch` itself, for whatever collection a page shows.
export function Shell({ children }: { children: React.ReactNode }) {
  return <DataKit live={createLiveFeed(apiBase())}>{children}</DataKit>;
}
