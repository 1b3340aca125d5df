// Shapes of the frames each legacy socket sends. The discriminating field differs per
// service because each one was written by a different team.

export type JobKind = 'queued' | 'started' | 'progress' | 'finished' | 'failed';

export interface JobFrame {
  kind: JobKind;
  jobId: string;
  percent?: number;
  error?: string;
}

export interface ChatFrame {
  event: 'joined' | 'left' | 'typing' | 'said';
  user: string;
  text?: string;
  at: number;
}

export interface UploadFrame {
  status: 'pending' | 'transcoding' | 'ready' | 'rejected';
  uploadId: string;
  reason?: string;
}

export interface AuditFrame {
  action: 'grant' | 'revoke' | 'login';
  actor: string;
  target?: string;
  at: string;
}

export interface PresenceFrame {
  op: 'hello' | 'move' | 'bye';
  peer: string;
  x?: number;
  y?: number;
}

export interface DocFrame {
  seq: number;
  author: string;
  data: {
    op: 'insert' | 'delete' | 'format' | 'snapshot';
    pos?: number;
    len?: number;
    text?: string;
    attrs?: Record<string, unknown>;
  };
}

/** Frames relayed from the studio's MQTT broker; topic names come from the firmware. */
export interface BusFrame {
  Topic: 'RecorderState' | 'MeterLevels' | 'DiskSpace';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
}
