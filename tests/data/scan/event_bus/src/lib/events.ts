import mitt from "mitt";

export type AlertEvents = {
  alert_raised: { id: string; level: number };
  alert_cleared: { id: string };
};

// The app-wide bus the alert socket publishes on.
export const events = mitt<AlertEvents>();

// Another bus, for the UI only: nothing from a socket goes through it.
export const uiBus = mitt<{ sidebar_toggled: boolean }>();
