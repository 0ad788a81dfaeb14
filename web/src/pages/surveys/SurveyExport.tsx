// The survey detail page's Export menu (issue 8): the answers as CSV, XLSX,
// JSON or SPSS .sav, and the SurveyJS definition of the current version —
// plain downloads of GET /api/v1/surveys/{id}/answers/export and
// /definition/export, for every role that reads the answers.
import type { Survey } from '../../surveyTypes';

const FORMATS: { format: string; text: string }[] = [
  { format: 'csv', text: 'Answers as CSV' },
  { format: 'xlsx', text: 'Answers as XLSX' },
  { format: 'json', text: 'Answers as JSON' },
  { format: 'sav', text: 'Answers for SPSS (.sav)' },
];

export function SurveyExportMenu({ survey }: { survey: Survey }) {
  const base = `/api/v1/surveys/${survey.id}`;
  return (
    <details className="dropdown" data-testid="survey-export">
      <summary className="btn">Export</summary>
      <ul className="dropdown-items">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={`${base}/answers/export?format=${f.format}`} download data-format={f.format}>
              {f.text}
            </a>
          </li>
        ))}
        <li>
          <a href={`${base}/definition/export`} download data-format="definition">
            SurveyJS definition (JSON)
          </a>
        </li>
      </ul>
    </details>
  );
}
