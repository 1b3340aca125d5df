import { LiveChannel, type Frame } from '@acme/live-client';

// the admin's live session list, through the workspace's client package (imported by its name)
export const sessions = new LiveChannel('/ws/sessions');

const rows = new Map<string, Frame>();

sessions.on('session_started', (frame) => rows.set(String(frame.id), frame));
sessions.on('session_ended', (frame) => rows.delete(String(frame.id)));
sessions.open();
