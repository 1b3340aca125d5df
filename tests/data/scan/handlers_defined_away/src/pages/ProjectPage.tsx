import { useEffect, useState } from 'react';
import { NotificationsPanel } from '../components/NotificationsPanel';
import { TelemetryChart } from '../components/TelemetryChart';
import { useJobEvents } from '../hooks/useJobEvents';
import { getPresenceChannel } from '../services/PresenceChannel';
import { usePresence } from '../stores/presenceStore';
import type { Metric } from '../types/messages';

interface Project {
  id: string;
  name: string;
  devices: string[];
}

export default function ProjectPage({ projectId }: { projectId: string }) {
  const [project, setProject] = useState<Project | null>(null);
  const [metric, setMetric] = useState<Metric>('temp');
  const [unread, setUnread] = useState(0);
  const { jobs, lastError } = useJobEvents(projectId);
  const people = usePresence();

  useEffect(() => {
    let alive = true;
    fetch(`/api/projects/${encodeURIComponent(projectId)}`)
      .then((r) => r.json() as Promise<Project>)
      .then((p) => alive && setProject(p));
    return () => {
      alive = false;
    };
  }, [projectId]);

  // tell the others whether this tab is in front
  useEffect(() => {
    const channel = getPresenceChannel();
    const onVisibility = () => channel.announce(document.hidden ? 'away' : 'active');
    document.addEventListener('visibilitychange', onVisibility);
    onVisibility();
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  const running = Object.values(jobs).filter((j) => j.state === 'running').length;

  return (
    <div className="project">
      <header>
        <h1>{project?.name ?? projectId}</h1>
        <span>{people.length} here</span>
        <span>{unread} unread</span>
        <NotificationsPanel onUnreadChange={setUnread} />
      </header>
      <p>
        {running} jobs running{lastError && ` · last failure: ${lastError}`}
      </p>
      <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
        <option value="temp">Temperature</option>
        <option value="rpm">RPM</option>
      </select>
      {project?.devices.map((d) => <TelemetryChart key={d} deviceId={d} metric={metric} />)}
    </div>
  );
}
