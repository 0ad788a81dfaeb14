// The one-use rating page (/rate/<token>) from the closure mail: how
// satisfied the complainant is with the handling, 1–5, and a comment
// (GET/POST /api/v1/public/ratings/{token}). A used link says so.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router-dom';
import { api, ApiError } from '../api';
import { TextArea } from '../components/Fields';
import { FormAlert, Loading } from '../components/Feedback';
import { PublicShell } from '../components/PublicShell';
import { sentence } from '../format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../hooks';
import { tokenFrom } from './ComplaintStatus';

interface RatingForm {
  reference: string;
  summary: string;
  used: boolean;
}

const SCORES: { score: number; text: string }[] = [
  { score: 1, text: 'Very dissatisfied' },
  { score: 2, text: 'Dissatisfied' },
  { score: 3, text: 'Neither satisfied nor dissatisfied' },
  { score: 4, text: 'Satisfied' },
  { score: 5, text: 'Very satisfied' },
];

type View = 'loading' | 'form' | 'used' | 'unknown' | 'failed' | 'thanks';

function Done({ title, children }: { title: string; children: React.ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section className="public-card" aria-labelledby="rate-done-title">
      <h1 id="rate-done-title" tabIndex={-1} ref={ref}>
        {title}
      </h1>
      {children}
    </section>
  );
}

export function RatePage() {
  const location = useLocation();
  const token = tokenFrom(location.pathname, '/rate/');
  const [view, setView] = useState<View>('loading');
  const [info, setInfo] = useState<RatingForm | null>(null);
  const [loadError, setLoadError] = useState('');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    if (!token) {
      setView('unknown');
      return;
    }
    setView('loading');
    api
      .get<RatingForm>(`/api/v1/public/ratings/${encodeURIComponent(token)}`)
      .then((r) => {
        if (!live) return;
        setInfo(r);
        setView(r.used ? 'used' : 'form');
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 409) setView('used');
        else if (e instanceof ApiError && e.status === 404) setView('unknown');
        else {
          setLoadError(e instanceof ApiError ? e.problem.detail ?? e.message : String(e));
          setView('failed');
        }
      });
    return () => {
      live = false;
    };
  }, [token, tick]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (score < 1) {
      setErrors({ detail: '', fields: { score: 'Please choose how satisfied you are.' } });
      document.getElementById('rate-score-1')?.focus();
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`/api/v1/public/ratings/${encodeURIComponent(token)}`, { score, comment });
      setView('thanks');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setView('used');
      else if (err instanceof ApiError && err.status === 404) setView('unknown');
      else setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  if (view === 'loading') {
    return (
      <PublicShell title="Rate our handling">
        <h1>Rate how we handled your complaint</h1>
        <Loading />
      </PublicShell>
    );
  }
  if (view === 'thanks') {
    return (
      <PublicShell title="Thank you">
        <Done title="Thank you for your rating">
          <p>We have recorded your rating{info ? ` for complaint ${info.reference}` : ''}. It helps us improve how we handle complaints.</p>
        </Done>
      </PublicShell>
    );
  }
  if (view === 'used') {
    return (
      <PublicShell title="Rating link used">
        <Done title="This rating link has been used">
          <p>A rating was already given with this link, and each link can be used only once. Thank you for your feedback.</p>
        </Done>
      </PublicShell>
    );
  }
  if (view === 'unknown') {
    return (
      <PublicShell title="Rating link not found">
        <Done title="We cannot find this rating link">
          <p>Please check that you opened or copied the whole link from our e-mail.</p>
        </Done>
      </PublicShell>
    );
  }
  if (view === 'failed') {
    return (
      <PublicShell title="Rate our handling">
        <h1>Rate how we handled your complaint</h1>
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{sentence(loadError || 'The rating form could not be loaded.')}</p>
        </div>
        <button type="button" className="btn" onClick={() => setTick((t) => t + 1)}>
          Try again
        </button>
      </PublicShell>
    );
  }

  const scoreError = errors.fields.score;
  return (
    <PublicShell title="Rate our handling">
      <h1>Rate how we handled your complaint</h1>
      {info ? (
        <p className="public-lead">
          Complaint <strong className="nowrap">{info.reference}</strong>: <span className="public-summary-inline">{info.summary}</span>
        </p>
      ) : null}
      <form className="form public-card" onSubmit={submit} noValidate aria-label="Rating">
        <FormAlert errors={errors} shown={['score', 'comment']} />
        <fieldset
          className={`rate-scores${scoreError ? ' field-invalid' : ''}`}
          aria-describedby={scoreError ? 'rate-score-error' : undefined}
          aria-invalid={scoreError ? true : undefined}
        >
          <legend>How satisfied are you with how we handled your complaint?</legend>
          {SCORES.map((s) => (
            <div className="rate-option" key={s.score}>
              <input
                type="radio"
                id={`rate-score-${s.score}`}
                name="score"
                value={s.score}
                checked={score === s.score}
                onChange={() => {
                  setScore(s.score);
                  if (scoreError) setErrors((e) => ({ ...e, fields: { ...e.fields, score: '' } }));
                }}
              />
              <label htmlFor={`rate-score-${s.score}`}>
                <span className="rate-num" aria-hidden="true">
                  {s.score}
                </span>
                <span className="visually-hidden">{s.score} – </span>
                {s.text}
              </label>
            </div>
          ))}
          {scoreError ? (
            <p className="field-error" id="rate-score-error">
              {sentence(scoreError)}
            </p>
          ) : null}
        </fieldset>
        <TextArea
          id="rate-comment"
          label="Comment (optional)"
          hint="What went well, and what could we do better?"
          rows={4}
          value={comment}
          onChange={setComment}
          error={errors.fields.comment}
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send rating'}
          </button>
        </div>
      </form>
    </PublicShell>
  );
}
