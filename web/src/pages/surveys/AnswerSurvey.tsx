// The respondent's page behind a public survey link (/s/<slug>): the survey
// rendered by the SurveyJS form library, the answers posted with an
// Idempotency-Key (kept for this visit, so a retry never counts twice).
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api, ApiError } from '../../api';
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

export function AnswerSurveyPage() {
  const location = useLocation();
  const slug = location.pathname.replace(/^\/s\//, '').replace(/\/$/, '');
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [failure, setFailure] = useState('');
  const key = useMemo(newKey, [slug]);
  const embed = new URLSearchParams(location.search).get('embed') === '1';

  useEffect(() => {
    let live = true;
    api
      .get<PublicSurvey>(`/api/v1/public/surveys/${encodeURIComponent(slug)}`)
      .then((s) => live && setSurvey(s))
      .catch((e: unknown) => {
        if (!live) return;
        setFailure(e instanceof ApiError && e.status === 404 ? 'We cannot find this survey. Please check the link.' : problemText(e));
      });
    return () => {
      live = false;
    };
  }, [slug]);

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
            },
            body,
          });
        } catch {
          await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
          continue; // the same key: a retry never makes a second answer
        }
        if (res.ok) return null;
        const problem = await res.json().catch(() => ({}));
        if (res.status >= 500 && attempt < 2) {
          await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
          continue;
        }
        return problemText(new ApiError(res.status, problem));
      }
      return 'Your answers could not be sent. Please check your connection and try again.';
    },
    [survey, slug, key, embed],
  );

  const title = survey ? titleOf(survey.definition) : 'Survey';
  return (
    <PublicShell title={title} app="Surveys" newComplaintLink={false}>
      {failure ? (
        <section className="public-card">
          <h1>Survey not available</h1>
          <p>{failure}</p>
        </section>
      ) : !survey ? (
        <Loading />
      ) : !survey.open ? (
        <section className="public-card">
          <h1>{title}</h1>
          <p>{survey.closed_reason}</p>
        </section>
      ) : (
        <div className="survey-host">
          <Suspense fallback={<Loading />}>
            <SurveyForm definition={survey.definition} onComplete={submit} />
          </Suspense>
        </div>
      )}
    </PublicShell>
  );
}
