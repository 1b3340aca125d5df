// Mirrors JobEvent.Kind in the back end's jobs/events.py.
export enum JobEventKind {
  PROGRESS = 'job_progress',
  REMOVED = 'jobs_removed',
  RENAMED = 'job_renamed',
}

// Numeric on the wire: only ever compared with itself.
export enum JobPhase {
  QUEUED = 0,
  RUNNING = 1,
  DONE = 2,
  FAILED = 3,
}
