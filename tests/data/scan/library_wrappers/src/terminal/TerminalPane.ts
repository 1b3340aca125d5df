import { Subject } from 'rxjs';
import { takeUntil } from 'rxjs/operators';

// the build loads SockJS as a script: declared here, not imported
declare let SockJS: any;

interface TerminalFrame {
  Op: string;
  Data: string;
}

export class TerminalPane {
  private conn: any = null;
  private readonly frames$ = new Subject<TerminalFrame>();
  private readonly done$ = new Subject<void>();

  attach(sessionId: string, write: (text: string) => void): void {
    this.frames$.pipe(takeUntil(this.done$)).subscribe((frame) => {
      if (frame.Op === 'stdout') write(frame.Data);
      else if (frame.Op === 'toast') console.warn(frame.Data);
    });
    this.conn = new SockJS(`api/terminal?${sessionId}`);
    this.conn.onmessage = this.onMessage.bind(this);
  }

  detach(): void {
    this.done$.next();
    this.conn?.close();
  }

  private onMessage(evt: { data: string }): void {
    this.frames$.next(JSON.parse(evt.data) as TerminalFrame);
  }
}
