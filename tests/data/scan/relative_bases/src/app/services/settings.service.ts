import { Injectable } from '@angular/core'

@Injectable({ providedIn: 'root' })
export class SettingsService {
  private values = new Map<string, string>()

  get(key: string): string {
    return this.values.get(key) ?? ''
  }

  set(key: string, value: string): void {
    this.values.set(key, value)
  }
}
