import ReconnectingWebSocket from 'reconnecting-websocket';

/** A room's socket; the caller sends and handles the messages. */
export const openRoom = (room: string) => new ReconnectingWebSocket(`/ws/rooms/${room}`);
