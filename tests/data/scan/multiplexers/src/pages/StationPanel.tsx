import { useFeedTopic, useQueueDepth, useStationMode } from '../feed/feedStore';

export function StationPanel({ station }: { station: string }) {
  const { payload: depth } = useQueueDepth();
  const { payload: mode, set: setMode } = useStationMode(station);
  const { payload: alarms } = useFeedTopic<string[]>('alarms');
  return (
    <div>
      <p>{depth ?? 0} queued, {alarms?.length ?? 0} alarms</p>
      <button onClick={() => setMode(mode === 'auto' ? 'manual' : 'auto')}>{mode}</button>
    </div>
  );
}
