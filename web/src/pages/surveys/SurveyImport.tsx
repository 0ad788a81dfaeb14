// "Import survey" on the surveys list (issue 8): a LimeSurvey structure
// (.lss) or a Qualtrics response export (CSV with its three header rows)
// becomes a new survey; the report shows what each question became, how
// many answers came in and what was left out, and why.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { FormAlert } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Fields';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../hooks';
import type { Survey } from '../../surveyTypes';

interface ImportReport {
  format: string;
  questions: { name: string; type: string; source: string }[];
  languages: string[];
  answers_found: number;
  answers_imported: number;
  skipped: { item: string; reason: string }[];
}

interface ImportResult {
  survey: Survey;
  report: ImportReport;
}

function Report({ result }: { result: ImportResult }) {
  const { survey, report } = result;
  return (
    <section className="panel" aria-labelledby="import-report-title" data-testid="import-report">
      <h2 id="import-report-title" className="h3">
        Imported: <Link to={`/surveys/${survey.id}`}>{survey.name}</Link>
      </h2>
      <p>
        {report.questions.length} question{report.questions.length === 1 ? '' : 's'} mapped
        {report.languages.length ? `, languages ${report.languages.join(', ')}` : ''}
        {report.format === 'qualtrics' ? `, ${report.answers_imported} of ${report.answers_found} answers imported` : ''}.
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Questions mapped">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">SurveyJS type</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {report.questions.map((q) => (
              <tr key={q.name}>
                <td>{q.name}</td>
                <td>{q.type}</td>
                <td>{q.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.skipped.length ? (
        <>
          <h3 className="h4">Not imported</h3>
          <ul className="small" data-testid="import-skipped">
            {report.skipped.map((s) => (
              <li key={`${s.item}-${s.reason}`}>
                <strong>{s.item}</strong>: {s.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ImportSurvey({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [format, setFormat] = useState('lss');
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setErrors({ ...NO_ERRORS, fields: { file: 'Choose the file to import.' } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const query = new URLSearchParams({ format });
      if (name) query.set('name', name);
      const done = await api.uploadFile<ImportResult>(`/api/v1/surveys/import?${query}`, file);
      setResult(done);
      onDone();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className="panel form" onSubmit={submit} noValidate aria-labelledby="import-survey-title">
        <h2 id="import-survey-title">Import survey</h2>
        <FormAlert errors={errors} shown={['name', 'file']} />
        <SelectField
          id="import-format"
          label="File"
          value={format}
          onChange={setFormat}
          options={[
            { value: 'lss', label: 'LimeSurvey survey structure (.lss)' },
            { value: 'qualtrics', label: 'Qualtrics response export (CSV) with its answers' },
          ]}
        />
        <div className="field">
          <label htmlFor="import-file">File to import</label>
          <input
            id="import-file"
            type="file"
            accept={format === 'lss' ? '.lss,.xml' : '.csv,text/csv'}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-invalid={errors.fields.file ? true : undefined}
            aria-describedby={errors.fields.file ? 'import-file-error' : undefined}
          />
          {errors.fields.file ? (
            <p id="import-file-error" className="field-error">
              {errors.fields.file}
            </p>
          ) : null}
        </div>
        <TextField id="import-name" label="Name (optional: the file's title otherwise)" value={name} onChange={setName} error={errors.fields.name} />
        <p className="muted small">
          Qualtrics answers are imported anonymously (no IP address, location or recipient) with their recorded time; the
          survey stays closed until you open it.
        </p>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Import
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Close
          </button>
        </div>
      </form>
      {result ? <Report result={result} /> : null}
    </>
  );
}
