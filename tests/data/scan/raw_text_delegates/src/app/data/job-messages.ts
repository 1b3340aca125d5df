import { JobPhase } from './job-event-kind';

export interface JobProgressMessage {
  job_id: string;
  title?: string;
  phase: keyof typeof JobPhase;
  done: number;
  total: number;
  status?: string;
  owner?: number;
}

export interface JobsRemovedMessage {
  job_ids: string[];
}

export interface JobRenamedMessage {
  job_id: string;
  title: string;
}
