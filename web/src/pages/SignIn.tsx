import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { TextField } from '../components/Fields';
import { sentence } from '../format';

export function SignIn() {
  const { signIn } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await signIn(email, password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setError(err.problem.detail || 'The e-mail address or password is not correct.');
      } else if (err instanceof ApiError && err.status === 429) {
        const detail = sentence(err.problem.detail || 'Too many attempts');
        const seconds = Number(err.retryAfter);
        const wait =
          seconds > 90 ? ` Try again in ${Math.ceil(seconds / 60)} minutes.` : seconds > 0 ? ` Try again in ${seconds} seconds.` : '';
        setError(`${detail}${/[.!?]$/.test(detail) ? '' : '.'}${wait}`);
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin-page">
      <main id="main" className="signin-card">
        <div className="signin-brand">
          <span className="brand-mark" aria-hidden="true">
            H
          </span>
          <span>Hearken</span>
        </div>
        <h1>Sign in</h1>
        <form onSubmit={submit} noValidate aria-labelledby="signin-title">
          <span id="signin-title" className="visually-hidden">
            Sign in
          </span>
          {error ? (
            <div className="alert alert-error" role="alert">
              <p className="alert-title">{sentence(error)}</p>
            </div>
          ) : null}
          <TextField
            id="signin-email"
            label="E-mail"
            type="email"
            inputMode="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            autoFocus
            required
          />
          <TextField
            id="signin-password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            required
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
