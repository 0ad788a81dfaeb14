// The surveys list and "New survey": a name and a SurveyJS definition to
// start from (SurveyJS's own NPS example by default), checked by the server.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useCan } from '../../auth';
import { Empty, FormAlert, LoadError, Loading } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Fields';
import { fmtDateTime, label } from '../../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../../hooks';
import { SURVEY_STATUSES, type Survey } from '../../surveyTypes';
import { ImportSurvey } from './SurveyImport';
import type { Page } from '../../types';

/** SurveyJS's NPS example (survey_formats/surveyjs_nps_survey.json, MIT). */
export const NPS_EXAMPLE = {
  title: 'Net Promoter Score',
  pages: [
    {
      name: 'score',
      elements: [
        { type: 'rating', name: 'nps', title: 'How likely are you to recommend us?', isRequired: true, rateCount: 11, rateMin: 0, rateMax: 10 },
      ],
    },
    {
      name: 'followUp',
      elements: [{ type: 'comment', name: 'reason', visible: false, visibleIf: '{nps} < 7', title: 'What went wrong?' }],
    },
  ],
  triggers: [{ type: 'complete', expression: '{nps} >= 9' }],
};

function NewSurvey({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await api.post<Survey>('/api/v1/surveys', { name, definition: NPS_EXAMPLE, metric_map: { nps: 'nps' } });
      navigate(`/surveys/${created.id}`);
    } catch (err) {
      setErrors(toFormErrors(err));
      setBusy(false);
    }
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="new-survey-title">
      <h2 id="new-survey-title">New survey</h2>
      <FormAlert errors={errors} shown={['name']} />
      <TextField id="survey-name" label="Name" value={name} onChange={setName} required error={errors.fields.name} />
      <p className="muted small">It starts as a draft with SurveyJS's NPS example; design it on the next page.</p>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Create survey
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function SurveysPage() {
  const canWrite = useCan('quality');
  const [status, setStatus] = useState('');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [tick, setTick] = useState(0);
  const { data, error, loading } = useApi<Page<Survey>>(`/api/v1/surveys?limit=200&sort=name${status ? `&status=${status}` : ''}`, tick);

  return (
    <>
      <div className="page-head">
        <h1>Surveys</h1>
        {canWrite ? (
          <div className="actions">
            {!importing ? (
              <button type="button" className="btn" onClick={() => setImporting(true)}>
                Import survey
              </button>
            ) : null}
            {!creating ? (
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                New survey
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {creating ? <NewSurvey onCancel={() => setCreating(false)} /> : null}
      {importing ? <ImportSurvey onDone={() => setTick((t) => t + 1)} onCancel={() => setImporting(false)} /> : null}
      <div className="filters">
        <SelectField
          id="survey-status"
          label="State"
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: 'All' }, ...SURVEY_STATUSES.map((s) => ({ value: s, label: label(s) }))]}
        />
      </div>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <Empty>No surveys yet.</Empty> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Surveys">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">State</th>
                <th scope="col">Kind</th>
                <th scope="col">Version</th>
                <th scope="col">Answers</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/surveys/${s.id}`}>{s.name}</Link>
                  </td>
                  <td>{label(s.status)}</td>
                  <td>{label(s.kind)}</td>
                  <td>{s.current_version}</td>
                  <td>{s.answer_count}</td>
                  <td>{fmtDateTime(s.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
