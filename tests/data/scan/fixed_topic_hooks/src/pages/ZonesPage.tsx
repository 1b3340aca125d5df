import { useCallback, useEffect, useMemo, useState } from 'react';
import { deleteZone, listZones, type Zone } from '../api/zones';
import { FEATURE_FLAGS } from '../config';
import { useSystemSocket } from '../realtime';

interface ZonesPageProps {
  userId: string;
}

export default function ZonesPage({ userId }: ZonesPageProps) {
  const [zones, setZones] = useState<Zone[]>([]);
  const [filter, setFilter] = useState('');
  const [reloadedAt, setReloadedAt] = useState<Date | null>(null);
  const { subscribe, unsubscribe, isConnected, sendMessage } = useSystemSocket(userId);

  // Initial load over REST; the socket only carries deltas.
  useEffect(() => {
    let cancelled = false;
    listZones()
      .then((rows) => {
        if (!cancelled) setZones(rows);
      })
      .catch((err) => console.error('could not load zones', err));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    document.title = filter ? `Zones – ${filter}` : 'Zones';
  }, [filter]);

  const onZoneCreated = useCallback((zone: Zone) => {
    setZones((prev) => (prev.some((z) => z.id === zone.id) ? prev : [...prev, zone]));
  }, []);

  const onZoneDeleted = useCallback((data: { id: string }) => {
    setZones((prev) => prev.filter((z) => z.id !== data.id));
  }, []);

  const onBindReload = useCallback(() => setReloadedAt(new Date()), []);

  useEffect(() => {
    subscribe('zone_created', onZoneCreated);
    subscribe('zone_deleted', onZoneDeleted);
    subscribe('bind_reload', onBindReload);
    return () => {
      unsubscribe('zone_created', onZoneCreated);
      unsubscribe('zone_deleted', onZoneDeleted);
      unsubscribe('bind_reload', onBindReload);
    };
  }, [subscribe, unsubscribe, onZoneCreated, onZoneDeleted, onBindReload]);

  const visible = useMemo(
    () => zones.filter((z) => z.name.toLowerCase().includes(filter.toLowerCase())),
    [zones, filter],
  );

  const handleDelete = async (id: string) => {
    await deleteZone(id);
    setZones((prev) => prev.filter((z) => z.id !== id));
  };

  return (
    <section>
      <header>
        <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter zones" />
        <span className={isConnected ? 'dot dot--live' : 'dot'} />
        {reloadedAt && <small>BIND reloaded {reloadedAt.toLocaleTimeString()}</small>}
        {/* asks the server to reload; the answer comes back as bind_reload */}
        <button disabled={!isConnected} onClick={() => sendMessage({ type: 'reload_request' })}>
          Reload BIND
        </button>
      </header>
      <ul>
        {visible.map((z) => (
          <li key={z.id}>
            {z.name} ({z.records} records, serial {z.serial})
            {FEATURE_FLAGS.zoneBulkEdit && <button onClick={() => handleDelete(z.id)}>Delete</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}
