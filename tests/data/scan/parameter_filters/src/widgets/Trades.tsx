import React, { useState } from "react";
import { useFeedEvent } from "../hooks/useFeedEvent";

export default function Trades() {
  const [count, setCount] = useState(0);
  useFeedEvent("trades", () => setCount((n) => n + 1));
  return <b>{count} trades</b>;
}
