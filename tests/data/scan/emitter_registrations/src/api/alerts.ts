import { createLiveCollection } from "../util/live-collection";
import { FeedEvent } from "./feed-events";

export interface Alert {
  id: string;
  message: string;
  severity: "info" | "warning" | "critical";
}

// kept in a const first: the same table, passed by name
const alertReducers = {
  [FeedEvent.SNAPSHOT]: (_: Alert[] | undefined, payload: any): Alert[] => payload.alerts,
  [FeedEvent.ALERT_RAISED]: (current: Alert[] = [], payload: any): Alert[] => [...current, payload],
  [FeedEvent.ALERT_CLEARED]: (current: Alert[] = [], payload: any): Alert[] =>
    current.filter((a) => a.id !== payload.id),
};

export const subscribeAlerts = (() => {
  const alerts = createLiveCollection<Alert[]>(alertReducers);
  return (onChange: (list: Alert[]) => void) => alerts.subscribe(onChange);
})();

// not a handler table: settings copied key by key
export function saveAlertSettings(settings: Record<string, string>): void {
  for (const [key, value] of Object.entries(settings)) {
    localStorage.setItem(`alerts.${key}`, value);
  }
}
