// The survey editor: the SurveyJS JSON on the left, checked by the server as
// you type (errors name the path in the document), the live preview
// rendered by the SurveyJS form library on the right, and the metric map
// (which question is the NPS, CSAT or CES item) below. Saving a survey that
// has answers makes a new version.
import { lazy, Suspense, useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { FormAlert, Loading, Notice } from '../../components/Feedback';
import { SelectField } from '../../components/Fields';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../hooks';
import type { MetricMap, Survey, SurveyCheck } from '../../surveyTypes';

const SurveyForm = lazy(() => import('./SurveyForm'));

interface Parsed {
  definition?: Record<string, unknown>;
  syntax?: string;
}

function parse(text: string): Parsed {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { syntax: 'The definition must be a JSON object.' };
    return { definition: value as Record<string, unknown> };
  } catch (e) {
    return { syntax: `Not valid JSON: ${(e as Error).message}` };
  }
}

const METRICS: { key: keyof MetricMap; text: string; hint: string }[] = [
  { key: 'nps', text: 'NPS question', hint: 'a rating from 0 to 10' },
  { key: 'csat', text: 'CSAT question', hint: 'a rating from 1 to 5 or 1 to 7' },
  { key: 'ces', text: 'CES question', hint: 'a rating from 1 to 7' },
  { key: 'overall', text: 'Overall score', hint: 'a rating the drivers explain' },
];

export function SurveyDesign({ survey, canWrite, onSaved }: { survey: Survey; canWrite: boolean; onSaved: () => void }) {
  const [text, setText] = useState(() => JSON.stringify(survey.definition ?? {}, null, 2));
  const [metrics, setMetrics] = useState<MetricMap>(survey.metric_map ?? {});
  const [check, setCheck] = useState<SurveyCheck | null>(null);
  const [checkErrors, setCheckErrors] = useState<FormErrors>(NO_ERRORS);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [previewLocale, setPreviewLocale] = useState('');
  const parsed = parse(text);

  // Ask the server to check the definition a moment after typing stops.
  useEffect(() => {
    if (!parsed.definition || !canWrite) return;
    const t = window.setTimeout(() => {
      api
        .post<SurveyCheck>('/api/v1/surveys/validate', { definition: parsed.definition, metric_map: metrics })
        .then((c) => {
          setCheck(c);
          setCheckErrors(NO_ERRORS);
        })
        .catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 422) setCheckErrors(toFormErrors(e));
        });
    }, 400);
    return () => window.clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, metrics, canWrite]);

  async function save() {
    if (!parsed.definition) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = await api.put<{ version: number; series_breaks: { breaks: string[] }[] }>(`/api/v1/surveys/${survey.id}/definition`, {
        definition: parsed.definition,
        metric_map: metrics,
        expected_version: survey.current_version,
      });
      const breaks = saved.series_breaks.flatMap((b) => b.breaks);
      setNotice(
        saved.version === survey.current_version
          ? `Saved as version ${saved.version}.`
          : `Saved as version ${saved.version}; earlier answers keep their version.${breaks.length ? ` Series break: ${breaks.join(' ')}` : ''}`,
      );
      onSaved();
    } catch (e) {
      setErrors(toFormErrors(e));
    } finally {
      setBusy(false);
    }
  }

  const questions = check?.questions ?? [];
  const problems = Object.entries({ ...checkErrors.fields, ...errors.fields });
  return (
    <div className="survey-design">
      {notice ? <Notice text={notice} onDone={() => setNotice('')} /> : null}
      <FormAlert errors={errors} shown={Object.keys(errors.fields)} />
      <div className="survey-design-grid">
        <div className="survey-json">
          <label htmlFor="survey-json">SurveyJS definition (JSON)</label>
          <textarea
            id="survey-json"
            className="code"
            spellCheck={false}
            rows={24}
            value={text}
            readOnly={!canWrite}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="survey-json-status"
          />
          <div id="survey-json-status" role="status" className="small">
            {parsed.syntax ? (
              <p className="field-error">{parsed.syntax}</p>
            ) : problems.length ? (
              <ul className="field-error">
                {problems.map(([field, message]) => (
                  <li key={field}>
                    <code>{field}</code>: {message}
                  </li>
                ))}
              </ul>
            ) : check ? (
              <p className="muted">
                Valid: {check.questions.length} question{check.questions.length === 1 ? '' : 's'}
                {check.locales.filter((l) => l).length ? `, languages ${check.locales.filter((l) => l).join(', ')}` : ''}.
              </p>
            ) : null}
          </div>
        </div>
        <div className="survey-preview" aria-label="Preview" role="region">
          <h2 className="h3">Preview</h2>
          {check && check.locales.length > 1 ? (
            <SelectField
              id="preview-locale"
              label="Language"
              value={previewLocale}
              onChange={setPreviewLocale}
              options={check.locales.map((l) => ({ value: l, label: l || 'default' }))}
            />
          ) : null}
          {parsed.definition ? (
            <Suspense fallback={<Loading />}>
              <SurveyForm definition={parsed.definition} locale={previewLocale || undefined} />
            </Suspense>
          ) : (
            <p className="muted">The preview shows once the JSON is valid.</p>
          )}
        </div>
      </div>
      <fieldset className="metric-map">
        <legend>Metric map</legend>
        {METRICS.map((m) => (
          <SelectField
            key={m.key}
            id={`metric-${m.key}`}
            label={`${m.text} (${m.hint})`}
            value={(metrics[m.key] as string | undefined) ?? ''}
            onChange={(v) => setMetrics((old) => ({ ...old, [m.key]: v || undefined }))}
            options={[{ value: '', label: 'None' }, ...questions.map((q) => ({ value: q.name, label: `${q.name} — ${q.title}` }))]}
            error={checkErrors.fields[`metric_map/${m.key}`] ?? errors.fields[`metric_map/${m.key}`]}
          />
        ))}
      </fieldset>
      {canWrite ? (
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={busy || !parsed.definition} onClick={save}>
            Save definition
          </button>
          <span className="muted small">
            Version {survey.current_version}
            {survey.answer_count > 0 ? ' has answers: saving makes a new version.' : '.'}
          </span>
        </div>
      ) : null}
    </div>
  );
}
