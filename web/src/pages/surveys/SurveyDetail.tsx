// One survey: its state and links, and tabs to design it (JSON editor with
// preview and metric map), share it (public link, embed snippet, QR codes,
// e-mail invitations), read its
// results and browse its answers.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../api';
import { useCan } from '../../auth';
import { Tabs } from '../../components/Tabs';
import { FormAlert, LoadError, Loading, Notice } from '../../components/Feedback';
import { fmtDateTime, label } from '../../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../../hooks';
import type { Survey, SurveyAnswer, SurveyStatus } from '../../surveyTypes';
import type { Page } from '../../types';
import { SurveyDesign } from './SurveyDesign';
import { SurveyExportMenu } from './SurveyExport';
import { Invitations, QrCodes } from './SurveyInvitations';
import { SurveyResultsView } from './SurveyResultsView';

type Tab = 'results' | 'design' | 'share' | 'answers';
const TABS: { id: Tab; text: string }[] = [
  { id: 'results', text: 'Results' },
  { id: 'design', text: 'Design' },
  { id: 'share', text: 'Share' },
  { id: 'answers', text: 'Answers' },
];

function Share({ survey, canWrite }: { survey: Survey; canWrite: boolean }) {
  const url = `${window.location.origin}${survey.public_path}`;
  const snippet = `<iframe src="${url}?embed=1" title="${survey.name.replace(/"/g, '&quot;')}" style="width:100%;min-height:640px;border:0"></iframe>`;
  return (
    <div className="share">
      <h2 className="h3">Public link</h2>
      {survey.public_link_enabled && survey.anonymous_allowed ? (
        <p>
          <a href={survey.public_path} target="_blank" rel="noreferrer" data-testid="public-link">
            {url}
          </a>
        </p>
      ) : (
        <p className="muted">The public link is off: this survey takes answers only by invitation.</p>
      )}
      {survey.closed_reason ? <p className="muted">{survey.closed_reason}</p> : null}
      <h2 className="h3">Embed on a web site</h2>
      <label htmlFor="embed-snippet">Paste this where the survey should appear</label>
      <textarea id="embed-snippet" className="code" readOnly rows={3} value={snippet} />
      <QrCodes survey={survey} />
      <Invitations survey={survey} canWrite={canWrite} />
    </div>
  );
}

function Answers({ survey }: { survey: Survey }) {
  const [offset, setOffset] = useState(0);
  const { data, error, loading } = useApi<Page<SurveyAnswer>>(`/api/v1/surveys/${survey.id}/answers?limit=50&offset=${offset}`);
  if (error) return <LoadError error={error} />;
  if (loading && !data) return <Loading />;
  if (!data || data.items.length === 0) return <p className="muted">No answers yet.</p>;
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Answers">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Version</th>
              <th scope="col">Channel</th>
              <th scope="col">Language</th>
              <th scope="col">Respondent</th>
              <th scope="col">Answers</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((a) => (
              <tr key={a.id}>
                <td>{fmtDateTime(a.submitted_at)}</td>
                <td>{a.version}</td>
                <td>{label(a.channel)}</td>
                <td>{a.language || 'default'}</td>
                <td>{a.anonymous ? 'anonymous' : `customer #${a.customer_id}`}</td>
                <td>
                  <code className="answer-values">{JSON.stringify(a.answers)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>
          Newer
        </button>
        <span className="muted small">
          {offset + 1}–{offset + data.items.length} of {data.total}
        </span>
        <button type="button" className="btn btn-small" disabled={offset + 50 >= data.total} onClick={() => setOffset(offset + 50)}>
          Older
        </button>
      </div>
    </>
  );
}

export function SurveyPage() {
  const id = useParams().id ?? '';
  const canWrite = useCan('quality');
  const [tick, setTick] = useState(0);
  const { data: survey, error, loading } = useApi<Survey>(`/api/v1/surveys/${id}`, tick);
  const [tab, setTab] = useState<Tab>('results');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');

  async function setStatus(status: SurveyStatus) {
    setErrors(NO_ERRORS);
    try {
      await api.put(`/api/v1/surveys/${id}`, { status });
      setNotice(status === 'open' ? 'The survey is open for answers.' : 'The survey is closed.');
      setTick((t) => t + 1);
    } catch (e) {
      setErrors(toFormErrors(e));
    }
  }

  if (error) return <LoadError error={error} />;
  if (loading && !survey) return <Loading />;
  if (!survey) return null;
  return (
    <>
      <div className="page-head">
        <h1>{survey.name}</h1>
        <div className="actions">
          <SurveyExportMenu survey={survey} />
          {canWrite && survey.status !== 'open' ? (
            <button type="button" className="btn btn-primary" onClick={() => setStatus('open')}>
              Open for answers
            </button>
          ) : null}
          {canWrite && survey.status === 'open' ? (
            <button type="button" className="btn" onClick={() => setStatus('closed')}>
              Close
            </button>
          ) : null}
        </div>
      </div>
      {notice ? <Notice text={notice} onDone={() => setNotice('')} /> : null}
      <FormAlert errors={errors} />
      <p className="muted" data-testid="survey-state">
        {label(survey.status)} · {label(survey.kind)} · version {survey.current_version} · {survey.answer_count} answer
        {survey.answer_count === 1 ? '' : 's'} · updated {fmtDateTime(survey.updated_at)}
      </p>
      <Tabs
        label="Survey"
        tabs={TABS}
        current={tab}
        onChange={(t) => {
          setTab(t);
          setTick((k) => k + 1); // the counts in the header move as answers arrive
        }}
      />
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel" tabIndex={0}>
        {tab === 'results' ? <SurveyResultsView survey={survey} /> : null}
        {tab === 'design' ? <SurveyDesign key={survey.current_version} survey={survey} canWrite={canWrite} onSaved={() => setTick((t) => t + 1)} /> : null}
        {tab === 'share' ? <Share survey={survey} canWrite={canWrite} /> : null}
        {tab === 'answers' ? <Answers survey={survey} /> : null}
      </section>
    </>
  );
}
