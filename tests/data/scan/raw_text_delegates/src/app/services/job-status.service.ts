import { Injectable, inject } from '@angular/core';
import { Subject } from 'rxjs';
import { JobEventKind, JobPhase } from '../data/job-event-kind';
import { JobProgressMessage, JobRenamedMessage, JobsRemovedMessage } from '../data/job-messages';
import { SessionService } from './session.service';

declare const $localize: (strings: TemplateStringsArray, ...values: unknown[]) => string;

// What the worker says it is doing, as shown under a job's progress bar.
export const JOB_STATUS_TEXT = {
  fetching_source: $localize`Fetching the source files...`,
  resizing: $localize`Resizing images...`,
  writing_archive: $localize`Writing the archive...`,
  upload_failed: $localize`The upload to storage failed.`,
  quota_exceeded: $localize`Your storage quota is exceeded.`,
  finished: $localize`Finished.`,
};

export class JobState {
  id = '';
  title = '';
  phase: JobPhase = JobPhase.QUEUED;
  done = 0;
  total = 0;
  status = '';

  fraction(): number {
    switch (this.phase) {
      case JobPhase.QUEUED:
        return 0;
      case JobPhase.RUNNING:
        return this.total ? this.done / this.total : 0;
      default:
        return 1;
    }
  }
}

@Injectable({ providedIn: 'root' })
export class JobStatusService {
  private readonly session = inject(SessionService);
  private socket: WebSocket | null = null;
  private readonly jobs = new Map<string, JobState>();

  readonly finished = new Subject<JobState>();
  readonly failed = new Subject<JobState>();
  readonly removed = new Subject<string[]>();
  readonly connected = new Subject<boolean>();

  connect(): void {
    this.disconnect();
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.socket = new WebSocket(`${scheme}//${location.host}/api/jobs/updates/`);
    this.socket.onopen = () => this.connected.next(true);
    this.socket.onclose = () => this.connected.next(false);
    this.socket.onmessage = (ev: MessageEvent) => {
      const {
        kind,
        data: payload,
      }: {
        kind: JobEventKind;
        data: JobProgressMessage | JobsRemovedMessage | JobRenamedMessage;
      } = JSON.parse(ev.data);

      switch (kind) {
        case JobEventKind.REMOVED:
          this.removed.next((payload as JobsRemovedMessage).job_ids);
          break;
        case JobEventKind.RENAMED:
          this.rename(payload as JobRenamedMessage);
          break;
        case JobEventKind.PROGRESS:
          this.onProgress(payload as JobProgressMessage);
          break;
      }
    };
  }

  private visible(message: { owner?: number }): boolean {
    const me = this.session.userId();
    return message.owner === undefined || message.owner === me || this.session.isAdmin();
  }

  onProgress(message: JobProgressMessage): void {
    if (!this.visible(message)) return;
    let job = this.jobs.get(message.job_id);
    if (!job) {
      job = new JobState();
      job.id = message.job_id;
      this.jobs.set(job.id, job);
    }
    job.done = message.done;
    job.total = message.total;
    if (message.status && message.status in JOB_STATUS_TEXT) {
      job.status = JOB_STATUS_TEXT[message.status as keyof typeof JOB_STATUS_TEXT];
    } else if (message.status) {
      job.status = message.status;
    }
    if (message.phase in JobPhase) {
      job.phase = JobPhase[message.phase];
    }
    if (job.phase === JobPhase.DONE) this.finished.next(job);
    else if (job.phase === JobPhase.FAILED) this.failed.next(job);
  }

  private rename(message: JobRenamedMessage): void {
    const job = this.jobs.get(message.job_id);
    if (job) job.title = message.title;
  }

  disconnect(): void {
    this.socket?.close();
    this.socket = null;
  }
}
