import { EventEmitter } from "events";

export const hub = new EventEmitter();
hub.setMaxListeners(50);
