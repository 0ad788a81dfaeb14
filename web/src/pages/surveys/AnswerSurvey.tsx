// The respondent's page behind a public survey link (/s/<slug>): the survey
// rendered by the SurveyJS form library, the answers posted with an
// Idempotency-Key (kept for this visit, so a retry never counts twice).
// A personal invitation link (/s/<slug>?t=<token>) sends its token in the
// X-Survey-Token header: the answers saved earlier come back, each change is
// saved (debounced), a link already used says so; /s/<slug>/opt-out?t= asks
// before ending the person's survey invitations.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { ApiError } from '../../api';
import { Loading } from '../../components/Feedback';
import { PublicShell } from '../../components/PublicShell';
import type { PublicSurvey } from '../../surveyTypes';

const SurveyForm = lazy(() => import('./SurveyForm'));

function newKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function titleOf(definition: Record<string, unknown>): string {
  const t = definition.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as Record<string, unknown>).default === 'string') return (t as Record<string, string>).default;
  return 'Survey';
}

/** A 422's messages as one sentence the respondent can act on. */
function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = e.problem.errors ?? [];
    if (fields.length) return fields.map((f) => `${f.field.replace(/^answers\//, '')}: ${f.message}`).join('; ');
    return e.problem.detail ?? e.message;
  }
  return String(e);
}

/** A public API call, with the invitation token when there is one. */
async function publicCall<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { 'X-Survey-Token': token } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data);
  return data as T;
}

const SAVE_AFTER_MS = 800;

function OptOut({ slug, token }: { slug: string; token: string }) {
  const [state, setState] = useState<'ask' | 'sending' | 'done' | 'failed'>('ask');
  async function confirm() {
    setState('sending');
    try {
      await publicCall(`POST`, `/api/v1/public/surveys/${encodeURIComponent(slug)}/opt-out`, token, {});
      setState('done');
    } catch {
      setState('failed');
    }
  }
  return (
    <PublicShell title="Survey invitations" app="Surveys" newComplaintLink={false}>
      <section className="public-card">
        <h1>No more survey invitations</h1>
        {state === 'done' ? (
          <p role="status">Done. You will receive no more survey invitations from us.</p>
        ) : state === 'failed' ? (
          <p role="alert">We cannot find this invitation. Please check the link.</p>
        ) : (
          <>
            <p>Would you rather not be asked for your views by e-mail any more?</p>
            <button type="button" className="btn btn-primary" onClick={confirm} disabled={state === 'sending'}>
              Stop survey invitations
            </button>
          </>
        )}
      </section>
    </PublicShell>
  );
}

export function AnswerSurveyPage() {
  const location = useLocation();
  const path = location.pathname.replace(/^\/s\//, '').replace(/\/$/, '');
  const optOut = path.endsWith('/opt-out');
  const slug = optOut ? path.slice(0, -'/opt-out'.length) : path;
  const params = new URLSearchParams(location.search);
  const token = params.get('t') ?? '';
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [failure, setFailure] = useState('');
  const key = useMemo(newKey, [slug]);
  const embed = params.get('embed') === '1';
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (optOut) return;
    let live = true;
    publicCall<PublicSurvey>('GET', `/api/v1/public/surveys/${encodeURIComponent(slug)}`, token)
      .then((s) => live && setSurvey(s))
      .catch((e: unknown) => {
        if (!live) return;
        setFailure(
          e instanceof ApiError && e.status === 404
            ? token
              ? 'We cannot find this invitation. The link may be incomplete: please open it again from your e-mail.'
              : 'We cannot find this survey. Please check the link.'
            : problemText(e),
        );
      });
    return () => {
      live = false;
    };
  }, [slug, token, optOut]);

  // An invitation link saves the answers so far, a moment after each change.
  const saveProgress = useCallback(
    (answers: Record<string, unknown>, locale: string) => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => {
        publicCall('PUT', `/api/v1/public/surveys/${encodeURIComponent(slug)}/partial`, token, { answers, language: locale }).catch(
          () => undefined, // the next change tries again; the answer itself is sent on completion
        );
      }, SAVE_AFTER_MS);
    },
    [slug, token],
  );
  useEffect(
    () => () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
    },
    [],
  );

  const submit = useCallback(
    async (answers: Record<string, unknown>, locale: string): Promise<string | null> => {
      if (!survey) return 'The survey is not loaded.';
      const body = JSON.stringify({ version: survey.version, language: locale, answers });
      for (let attempt = 0; attempt < 3; attempt++) {
        let res: Response;
        try {
          res = await fetch(`/api/v1/public/surveys/${encodeURIComponent(slug)}/answers`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Accept: 'application/json, application/problem+json',
              'Idempotency-Key': key,
              ...(embed ? { 'X-Survey-Channel': 'embed' } : {}),
              ...(token ? { 'X-Survey-Token': token } : {}),
            },
            body,
          });
        } catch {
          await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
          continue; // the same key: a retry never makes a second answer
        }
        if (res.ok) {
          if (saveTimer.current) clearTimeout(saveTimer.current);
          return null;
        }
        const problem = await res.json().catch(() => ({}));
        if (res.status === 409 && token) return 'This invitation link has already been used to answer the survey. Thank you.';
        if (res.status >= 500 && attempt < 2) {
          await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
          continue;
        }
        return problemText(new ApiError(res.status, problem));
      }
      return 'Your answers could not be sent. Please check your connection and try again.';
    },
    [survey, slug, key, embed, token],
  );

  const title = survey ? titleOf(survey.definition) : 'Survey';
  if (optOut) return <OptOut slug={slug} token={token} />;
  const used = survey?.invitation?.status === 'completed';
  return (
    <PublicShell title={title} app="Surveys" newComplaintLink={false}>
      {failure ? (
        <section className="public-card">
          <h1>Survey not available</h1>
          <p>{failure}</p>
        </section>
      ) : !survey ? (
        <Loading />
      ) : used ? (
        <section className="public-card">
          <h1>{title}</h1>
          <p>You have already answered this survey with this link. Thank you.</p>
        </section>
      ) : !survey.open ? (
        <section className="public-card">
          <h1>{title}</h1>
          <p>{survey.closed_reason}</p>
        </section>
      ) : (
        <div className="survey-host">
          <Suspense fallback={<Loading />}>
            <SurveyForm
              definition={survey.definition}
              onComplete={submit}
              initialData={survey.invitation?.partial}
              locale={survey.invitation?.language || undefined}
              onProgress={token ? saveProgress : undefined}
            />
          </Suspense>
        </div>
      )}
    </PublicShell>
  );
}
