import { createLiveCollection } from "../util/live-collection";
import { FeedEvent } from "./feed-events";

export interface Sensor {
  id: string;
  label: string;
  zone: string;
}

const sensors = createLiveCollection<Sensor[]>({
  [FeedEvent.SNAPSHOT]: (_, payload) => payload.sensors,
  [FeedEvent.SENSOR_ADDED]: (current = [], payload) => [...current, payload.sensor],
  [FeedEvent.SENSOR_REMOVED]: (current = [], payload) => current.filter((s) => s.id !== payload.id),
});

export const subscribeSensors = (onChange: (list: Sensor[]) => void) => sensors.subscribe(onChange);
