// Names of the greenhouse feed's frames. Keep in sync with controller/feed/events.py.

// controller -> panel
export const FeedEvent = {
  SNAPSHOT: "snapshot",
  SENSOR_ADDED: "sensor_added",
  SENSOR_REMOVED: "sensor_removed",
  READING: "reading",
  ALERT_RAISED: "alert_raised",
  ALERT_CLEARED: "alert_cleared",
  VALVE_CHANGED: "valve_changed",
} as const;

// panel -> controller
export const PanelEvent = {
  PING: "ping",
  RESYNC: "resync",
} as const;

export type FeedEventName = (typeof FeedEvent)[keyof typeof FeedEvent];
