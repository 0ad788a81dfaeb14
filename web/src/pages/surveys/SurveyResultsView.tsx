// A survey's results: answers counted, NPS / CSAT / CES with their 95 %
// intervals, each question's distribution and the newest comments, with
// filters by period (days in the organisation's zone), channel, language
// and the respondents' segment.
import { useState } from 'react';
import { LoadError, Loading } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Fields';
import { fmtDateTime, label, localInputToIso } from '../../format';
import { useApi } from '../../hooks';
import type { Page, Segment } from '../../types';
import type { QuestionResult, Survey, SurveyResults } from '../../surveyTypes';

const fmt = (x: number, digits = 1) => x.toFixed(digits);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function Distribution({ q }: { q: QuestionResult }) {
  const max = Math.max(1, ...q.distribution.map((d) => d.count));
  return (
    <table className="table distribution">
      <caption className="visually-hidden">Answers to {q.title}</caption>
      <thead>
        <tr>
          <th scope="col">Answer</th>
          <th scope="col">Count</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {q.distribution.map((d) => (
          <tr key={JSON.stringify(d.value)}>
            <th scope="row">{d.text}</th>
            <td>
              <span className="bar" style={{ width: `${(100 * d.count) / max}%` }} aria-hidden="true" />
              {d.count}
            </td>
            <td>{q.answered ? pct(d.count / q.answered) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SurveyResultsView({ survey }: { survey: Survey }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [channel, setChannel] = useState('');
  const [language, setLanguage] = useState('');
  const [segment, setSegment] = useState('');
  const params = new URLSearchParams();
  // A day starts at midnight where the organisation is, as everywhere else.
  if (from) params.set('from', localInputToIso(`${from}T00:00`));
  if (to) params.set('to', localInputToIso(`${to}T00:00`));
  if (channel) params.set('channel', channel);
  if (language) params.set('language', language);
  if (segment) params.set('segment_id', segment);
  const { data, error, loading } = useApi<SurveyResults>(`/api/v1/surveys/${survey.id}/results?${params.toString()}`);
  const segments = useApi<Page<Segment>>('/api/v1/segments?limit=100&sort=name');
  // The languages the answers came in ("" the default locale), and the one chosen.
  const languages = [
    ...new Set([...(data?.by_language.map((l) => l.language) ?? []), ...(language ? [language === 'default' ? '' : language] : [])]),
  ].sort();
  const m = data?.metrics;

  return (
    <div className="survey-results">
      <div className="filters">
        <TextField id="results-from" label="From" type="date" value={from} onChange={setFrom} />
        <TextField id="results-to" label="Before" type="date" value={to} onChange={setTo} />
        <SelectField
          id="results-channel"
          label="Channel"
          value={channel}
          onChange={setChannel}
          options={[{ value: '', label: 'All' }, ...['link', 'invitation', 'embed', 'api', 'import'].map((c) => ({ value: c, label: label(c) }))]}
        />
        <SelectField
          id="results-language"
          label="Language"
          value={language}
          onChange={setLanguage}
          options={[
            { value: '', label: 'All' },
            ...languages.map((l) => (l === '' ? { value: 'default', label: 'Default' } : { value: l, label: l })),
          ]}
        />
        <SelectField
          id="results-segment"
          label="Segment"
          value={segment}
          onChange={setSegment}
          options={[{ value: '', label: 'All' }, ...(segments.data?.items ?? []).map((g) => ({ value: String(g.id), label: g.name }))]}
        />
      </div>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <dl className="kpis">
            <div>
              <dt>Answers</dt>
              <dd data-testid="results-answers">{data.answers}</dd>
            </div>
            {m?.nps ? (
              <div>
                <dt>NPS</dt>
                <dd data-testid="results-nps">
                  {m.nps.n ? fmt(m.nps.score) : '–'}
                  {m.nps.n ? <span className="muted small"> (95 % {fmt(m.nps.ci95.low)} to {fmt(m.nps.ci95.high)}; n {m.nps.n})</span> : null}
                </dd>
              </div>
            ) : null}
            {m?.csat ? (
              <div>
                <dt>CSAT (top two)</dt>
                <dd>
                  {m.csat.n ? pct(m.csat.top_two_box) : '–'}
                  {m.csat.n ? <span className="muted small"> (95 % {pct(m.csat.ci95.low)} to {pct(m.csat.ci95.high)}; n {m.csat.n})</span> : null}
                </dd>
              </div>
            ) : null}
            {m?.ces ? (
              <div>
                <dt>CES (mean)</dt>
                <dd>
                  {m.ces.n ? fmt(m.ces.mean, 2) : '–'}
                  {m.ces.n && m.ces.ci95 ? <span className="muted small"> (95 % {fmt(m.ces.ci95.low, 2)} to {fmt(m.ces.ci95.high, 2)}; n {m.ces.n})</span> : null}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Latest</dt>
              <dd>{data.last_at ? fmtDateTime(data.last_at) : '–'}</dd>
            </div>
          </dl>
          {m?.nps?.n ? (
            <p className="muted small">
              Promoters {m.nps.promoters}, passives {m.nps.passives}, detractors {m.nps.detractors}. The interval is the adjusted-Wald one.
            </p>
          ) : null}
          {data.series_breaks.length ? (
            <div className="alert" role="note">
              {data.series_breaks.map((b) => (
                <p key={b.version}>
                  Version {b.version} breaks the series: {b.breaks.join(' ')}
                </p>
              ))}
            </div>
          ) : null}
          {data.questions.map((q) => (
            <section key={q.name} className="panel question-result" aria-labelledby={`q-${q.name}`}>
              <h2 id={`q-${q.name}`} className="h3">
                {q.title} <span className="muted small">({q.name}, {q.answered} answered{q.mean ? `, mean ${fmt(q.mean.mean, 2)}` : ''})</span>
              </h2>
              {q.distribution.length ? <Distribution q={q} /> : null}
              {q.verbatims.length ? (
                <ul className="verbatims">
                  {q.verbatims.map((v) => (
                    <li key={v.answer_id}>
                      <q>{v.text}</q> <span className="muted small">{fmtDateTime(v.submitted_at)}</span>
                    </li>
                  ))}
                </ul>
              ) : q.distribution.length ? null : (
                <p className="muted">No comments yet.</p>
              )}
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
