import { addMessageHandler, addStatusLabel, openSession } from "./registry";

addMessageHandler("values", (v) => console.log("values", v));
addMessageHandler("errors", (v) => console.warn("errors", v));
addMessageHandler("reload", () => window.location.reload());
addStatusLabel("busy", "Working…");
addStatusLabel("idle", "Ready");

openSession();
