import { useEffect, useState, type FormEvent } from 'react';
import { SystemStatusBar } from './components/SystemStatusBar';
import { useJobQueue } from './hooks/useJobQueue';
import { API_BASE } from './lib/env';
import { endSession, onSessionChange, startSession, type SessionState } from './realtime/sessionSocket';

export default function App() {
  const [session, setSession] = useState<SessionState>({ status: 'anonymous' });
  const [error, setError] = useState<string | null>(null);
  const { jobs, paused } = useJobQueue('builds');

  useEffect(() => onSessionChange(setSession), []);

  async function login(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const res = await fetch(`${API_BASE}/auth/token`, {
      method: 'POST',
      body: new FormData(e.currentTarget),
    });
    if (!res.ok) {
      setError('Login failed');
      return;
    }
    const { token } = (await res.json()) as { token: string };
    startSession(token);
  }

  if (session.status !== 'authenticated') {
    return (
      <form onSubmit={login}>
        <input name="username" autoComplete="username" />
        <input name="password" type="password" autoComplete="current-password" />
        <button disabled={session.status === 'authenticating'}>Sign in</button>
        {(error || (session.status === 'anonymous' && session.reason)) && (
          <p className="error">{error ?? (session.status === 'anonymous' ? session.reason : '')}</p>
        )}
      </form>
    );
  }

  return (
    <>
      <SystemStatusBar />
      <main>
        <h1>Welcome, {session.user.name}</h1>
        <p>
          {jobs.length} builds queued{paused && ' (queue paused)'}
        </p>
        <button onClick={endSession}>Sign out</button>
      </main>
    </>
  );
}
