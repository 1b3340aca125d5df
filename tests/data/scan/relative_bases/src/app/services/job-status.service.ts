import { Injectable, inject } from '@angular/core'
import { Subject } from 'rxjs'
import { environment } from 'src/environments/environment'
import { JobFrame } from '../models/job-frame'

@Injectable({ providedIn: 'root' })
export class JobStatusService {
  private socket?: WebSocket
  private progress = new Map<number, number>()
  readonly finished = new Subject<number>()

  connect(): void {
    if (this.socket) {
      return
    }
    this.socket = new WebSocket(`${environment.socketScheme}//${environment.socketHost}${environment.socketRoot}jobs/`)
    this.socket.onmessage = (ev: MessageEvent) => {
      let frame: JobFrame
      try {
        frame = JSON.parse(ev.data)
      } catch {
        return
      }
      switch (frame.type) {
        case 'job_progress':
          this.progress.set(frame.job, frame.percent ?? 0)
          break
        case 'job_done':
          this.progress.delete(frame.job)
          this.finished.next(frame.job)
          break
        case 'job_failed':
          console.warn(`job ${frame.job} failed: ${frame.error}`)
          break
      }
    }
  }

  disconnect(): void {
    this.socket?.close()
    this.socket = undefined
  }

  apiUrl(path: string): string {
    return `${environment.apiRoot}${path}`
  }
}
