import { Injectable, signal } from '@angular/core';

@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly user = signal<{ id: number; admin: boolean } | null>(null);

  userId(): number | undefined {
    return this.user()?.id;
  }

  isAdmin(): boolean {
    return this.user()?.admin === true;
  }
}
