import React, { useEffect, useState } from "react";
import { useEndpoints } from "../core/config";
import { FeedTransport } from "../services/feed";

export function Feed({ live }: { live: boolean }) {
  const urls = useEndpoints();
  const [n, setN] = useState(0);
  const [transport] = useState(
    () => new FeedTransport(() => (live ? urls.roomUrl("live").toString() : urls.eventsUrl().toString()), setN),
  );
  useEffect(() => transport.start(), [transport]);
  return <i>{n}</i>;
}
