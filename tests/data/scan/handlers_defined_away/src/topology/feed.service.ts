import { Injectable, OnDestroy } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import { filter, map } from 'rxjs/operators';

export enum FeedKind {
  ALERT_RAISED = 'alert.raised',
  ALERT_CLEARED = 'alert.cleared',
  METRIC = 'metric',
}

interface FeedFrame {
  kind: FeedKind;
  body: unknown;
}

/** The alert feed: one socket, its frames handed on to whoever asks for a kind of them. */
@Injectable({ providedIn: 'root' })
export class FeedService implements OnDestroy {
  private readonly frames$ = new Subject<FeedFrame>();
  private socket: WebSocket | null = null;

  connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new WebSocket(`${scheme}://${location.host}/v3/feed`);
    this.socket.onmessage = (e: MessageEvent<string>) => this.frames$.next(JSON.parse(e.data) as FeedFrame);
  }

  receive(kind: FeedKind): Observable<unknown> {
    return this.frames$.pipe(
      filter((frame) => frame.kind === kind),
      map((frame) => frame.body),
    );
  }

  ngOnDestroy(): void {
    this.socket?.close();
  }
}
