// Messages: form-level errors, load errors, notices, empty states.
import { useEffect, useRef } from 'react';
import type { ApiError } from '../api';
import { sentence } from '../format';
import type { FormErrors } from '../hooks';

/**
 * The problem `detail` at the top of a form, plus any field messages whose
 * field has no control of its own on this form (`shown` lists those that do).
 */
export function FormAlert({ errors, shown = [] }: { errors: FormErrors; shown?: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const orphans = Object.entries(errors.fields).filter(([f]) => !shown.includes(f));
  useEffect(() => {
    if (errors.detail) ref.current?.focus();
  }, [errors]);
  if (!errors.detail && orphans.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      {errors.detail ? <p className="alert-title">{sentence(errors.detail)}</p> : null}
      {orphans.length > 0 ? (
        <ul>
          {orphans.map(([f, m]) => (
            <li key={f}>
              <span className="mono">{f}</span>: {m}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function LoadError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{sentence(error.problem.detail ?? error.message)}</p>
    </div>
  );
}

export function Notice({ text, onDone }: { text: string; onDone?: () => void }) {
  useEffect(() => {
    if (!text || !onDone) return;
    const t = window.setTimeout(onDone, 4000);
    return () => window.clearTimeout(t);
  }, [text, onDone]);
  if (!text) return null;
  return (
    <div className="alert alert-ok" role="status">
      {text}
    </div>
  );
}

export function Loading() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="empty">{children}</p>;
}
