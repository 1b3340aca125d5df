import { watchFeed } from "../util/live-collection";
import { greenhouseFeed } from "./feed";
import { FeedEvent } from "./feed-events";

type ValveState = Record<string, boolean>;
let valves: ValveState = {};
const onChange = new Set<(v: ValveState) => void>();

export const startValveTracking = () =>
  watchFeed({
    [FeedEvent.VALVE_CHANGED]: (payload) => {
      valves = { ...valves, [payload.valve]: payload.open };
      onChange.forEach((fn) => fn(valves));
    },
    valve_fault: (payload) => console.warn("valve fault", payload.valve),
  });

// readings: a table of this module, walked with Object.keys
const readingHandlers: Record<string, (payload: any) => void> = {
  [FeedEvent.READING]: (payload) => console.debug("reading", payload.sensor, payload.value),
  calibration_done: (payload) => console.info("calibrated", payload.sensor),
};

export function trackReadings(): void {
  Object.keys(readingHandlers).forEach((name) => {
    greenhouseFeed.on(name, readingHandlers[name]);
  });
}
