import { Injectable, inject } from '@angular/core'
import { environment } from 'src/environments/environment'
import { AlertFrame } from '../models/job-frame'
import { SettingsService } from './settings.service'

@Injectable({ providedIn: 'root' })
export class AlertFeedService {
  private settings = inject(SettingsService)
  private socket: WebSocket | null = null
  open = new Set<string>()

  start(): void {
    // the alert service's root is configured per site at run time
    const root = this.settings.get('alertsRoot')
    this.socket = new WebSocket(`${environment.socketScheme}//${environment.socketHost}${root}alerts/`)
    this.socket.onmessage = (ev: MessageEvent) => {
      const frame = JSON.parse(ev.data) as AlertFrame
      if (frame.kind === 'alert_raised') {
        this.open.add(frame.id)
      } else if (frame.kind === 'alert_cleared') {
        this.open.delete(frame.id)
      }
    }
  }

  stop(): void {
    this.socket?.close()
  }

  // the audit stream's whole path is the site's setting: nothing here says what it is
  audit(onEntry: (entry: unknown) => void): WebSocket {
    const auditPath = this.settings.get('auditPath')
    const ws = new WebSocket(`${environment.socketScheme}//${environment.socketHost}${auditPath}`)
    ws.onmessage = (ev: MessageEvent) => onEntry(JSON.parse(ev.data))
    return ws
  }
}
