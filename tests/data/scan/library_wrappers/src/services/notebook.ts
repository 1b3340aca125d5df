import { Subject, type Observable } from 'rxjs';
import { webSocket } from 'rxjs/webSocket';
import { delay, filter, map, retryWhen } from 'rxjs/operators';

interface NotebookFrame {
  op: string;
  data?: unknown;
}

/** The notebook server's channel: frames come in on one socket and go to who asks for an op. */
export class NotebookChannel {
  private readonly received$ = new Subject<NotebookFrame>();
  private readonly socket = webSocket<NotebookFrame>({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/notebooks` });

  start(): void {
    this.socket
      .pipe(retryWhen((errors) => errors.pipe(delay(4000))))
      .subscribe((frame) => this.received$.next(frame));
  }

  receive(op: string): Observable<unknown> {
    return this.received$.pipe(
      filter((frame) => frame.op === op),
      map((frame) => frame.data),
    );
  }
}

export const notebooks = new NotebookChannel();
