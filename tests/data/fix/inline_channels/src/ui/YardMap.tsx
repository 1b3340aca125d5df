import { useState } from 'react';
import { useYardFeed } from '../hooks/useAreaFeed';

/** Trailers parked in the yard; it registers while rendering, not in an effect. */
export function YardMap() {
  const { subscribe } = useYardFeed();
  const [trailers, setTrailers] = useState(0);
  subscribe('trailer_parked', () => setTrailers((n) => n + 1));
  return <b>{trailers}</b>;
}
