import React, { useState } from "react";
import { useFeedEvent } from "../hooks/useFeedEvent";

export function Ticker() {
  const [price, setPrice] = useState(0);
  useFeedEvent("prices", (body) => setPrice(Number(body)));
  return <span>{price}</span>;
}
