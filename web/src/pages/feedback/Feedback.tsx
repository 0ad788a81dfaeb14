// The staff Feedback page (/feedback): every listening channel's items with
// their filters (source, dates, site, touchpoint, tag, rating, linked to a
// complaint, text), the social-media import with its report, the widget
// snippet with a link to the public form, and — for admins — the secrets of
// the incoming webhooks. Each item opens on /feedback/<id>.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { qs, request } from '../../api';
import { useCan } from '../../auth';
import { Empty, FormAlert, LoadError, Loading } from '../../components/Feedback';
import { enumOptions, SelectField, TextField } from '../../components/Fields';
import { Pager } from '../../components/Pager';
import { Tabs } from '../../components/Tabs';
import { fmtDateTime, label } from '../../format';
import { NO_ERRORS, toFormErrors, useApi, useDebounced, type FormErrors } from '../../hooks';
import type { Page } from '../../types';
import { FEEDBACK_SOURCES, ratingText, type FeedbackItem, type SocialImportReport } from './feedbackTypes';
import { WebhookSources } from './WebhookSources';

const LIMIT = 25;
type Tab = 'items' | 'import' | 'widget' | 'webhooks';

export function FeedbackPage() {
  const isAdmin = useCan('admin');
  const canWrite = useCan('complaints');
  const [tab, setTab] = useState<Tab>('items');
  const tabs: { id: Tab; text: string }[] = [
    { id: 'items', text: 'Items' },
    ...(canWrite ? [{ id: 'import' as Tab, text: 'Import social mentions' }] : []),
    { id: 'widget', text: 'Form and widget' },
    ...(isAdmin ? [{ id: 'webhooks' as Tab, text: 'Webhooks' }] : []),
  ];
  return (
    <>
      <div className="page-head">
        <h1>Feedback</h1>
      </div>
      <p className="muted">What customers tell us outside surveys and complaints: the feedback form and widget, social-media mentions and the API.</p>
      <Tabs label="Feedback" tabs={tabs} current={tab} onChange={setTab} />
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel" tabIndex={0}>
        {tab === 'items' ? <FeedbackList /> : null}
        {tab === 'import' ? <SocialImport /> : null}
        {tab === 'widget' ? <WidgetSnippet /> : null}
        {tab === 'webhooks' ? <WebhookSources /> : null}
      </section>
    </>
  );
}

/** The channel an item came by, as a coloured pill. */
export function SourceBadge({ source }: { source: string }) {
  return <span className={`badge badge-source_${source.replace(/[^a-z_]/g, '')}`}>{label(source)}</span>;
}

/** The list of items, for the Feedback page and (with `customerId`) a customer's page. */
export function FeedbackTable({ items, caption }: { items: FeedbackItem[]; caption: string }) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table feedback-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Source</th>
            <th scope="col">Rating</th>
            <th scope="col">Feedback</th>
            <th scope="col">Site</th>
            <th scope="col">Complaint</th>
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr key={f.id}>
              <td className="nowrap">{fmtDateTime(f.occurred_at)}</td>
              <td>
                <SourceBadge source={f.source} />
              </td>
              <td className="nowrap">{ratingText(f)}</td>
              <td>
                <Link to={`/feedback/${f.id}`}>{f.text ? truncate(f.text, 120) : `Feedback ${f.id}`}</Link>
                {f.social ? <span className="muted small"> · {f.social.platform} {f.social.author_handle}</span> : null}
                {f.tags.length ? <span className="muted small"> · {f.tags.join(', ')}</span> : null}
              </td>
              <td>{[f.site, f.touchpoint].filter(Boolean).join(' · ')}</td>
              <td>{f.complaint_id ? <Link to={`/complaints/${f.complaint_id}`}>Complaint</Link> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function FeedbackList() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const [search, setSearch] = useState(get('q'));
  const q = useDebounced(search);
  const offset = Number(get('offset')) || 0;
  const query = {
    source: get('source'),
    from: get('from') ? `${get('from')}T00:00:00Z` : '',
    to: get('to') ? `${get('to')}T00:00:00Z` : '',
    site: get('site'),
    touchpoint: get('touchpoint'),
    tag: get('tag'),
    rating_min: get('rating_min'),
    rating_max: get('rating_max'),
    has_complaint: get('has_complaint'),
    q,
    limit: LIMIT,
    offset,
  };
  const { data, error, loading } = useApi<Page<FeedbackItem>>(`/api/v1/feedback${qs(query)}`);

  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  }

  return (
    <>
      <form className="filters" role="search" aria-label="Filter feedback" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="fb-f-source" label="Source" value={get('source')} onChange={(v) => set('source', v)} empty="Any source" options={enumOptions(FEEDBACK_SOURCES)} />
        <TextField id="fb-f-from" label="From" type="date" value={get('from')} onChange={(v) => set('from', v)} />
        <TextField id="fb-f-to" label="Before" type="date" value={get('to')} onChange={(v) => set('to', v)} />
        <TextField id="fb-f-site" label="Site" value={get('site')} onChange={(v) => set('site', v)} />
        <TextField id="fb-f-touchpoint" label="Touchpoint" value={get('touchpoint')} onChange={(v) => set('touchpoint', v)} />
        <TextField id="fb-f-tag" label="Tag" value={get('tag')} onChange={(v) => set('tag', v)} />
        <SelectField
          id="fb-f-rating"
          label="Rating"
          value={get('rating_max') === '2' ? 'low' : get('rating_min') === '4' ? 'high' : ''}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            next.delete('rating_min');
            next.delete('rating_max');
            next.delete('offset');
            if (v === 'low') next.set('rating_max', '2');
            if (v === 'high') next.set('rating_min', '4');
            setParams(next, { replace: true });
          }}
          empty="Any rating"
          options={[
            { value: 'low', label: '2 or less' },
            { value: 'high', label: '4 or more' },
          ]}
        />
        <SelectField
          id="fb-f-complaint"
          label="Complaint"
          value={get('has_complaint')}
          onChange={(v) => set('has_complaint', v)}
          empty="With or without"
          options={[
            { value: 'true', label: 'Turned into a complaint' },
            { value: 'false', label: 'Not a complaint' },
          ]}
        />
        <TextField id="fb-f-q" label="Text" value={search} onChange={setSearch} hint="Words in the text or the author" />
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        data.total === 0 ? (
          <Empty>No feedback matches these filters.</Empty>
        ) : (
          <>
            <FeedbackTable items={data.items} caption="Feedback items" />
            <Pager total={data.total} limit={LIMIT} offset={data.offset ?? offset} onOffset={(o) => set('offset', o ? String(o) : '')} />
          </>
        )
      ) : null}
    </>
  );
}

function SocialImport() {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<SocialImportReport | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setErrors({ detail: '', fields: { file: 'Choose a CSV or JSON file.' } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    setReport(null);
    const format = file.name.toLowerCase().endsWith('.json') || file.type.includes('json') ? 'json' : 'csv';
    try {
      setReport(await request<SocialImportReport>('POST', `/api/v1/feedback/social/import?format=${format}`, file));
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="split">
      <form className="form card" onSubmit={submit} noValidate aria-label="Import social mentions">
        <h2>Import social-media mentions</h2>
        <FormAlert errors={errors} shown={['file']} />
        <div className={`field${errors.fields.file ? ' field-invalid' : ''}`}>
          <label htmlFor="fb-import-file">CSV or JSON file</label>
          <input
            id="fb-import-file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            aria-describedby="fb-import-hint"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <p className="hint" id="fb-import-hint">
            Columns platform, post_id, author_handle, url, posted_at (ISO 8601 with its UTC offset), text; optional language, site,
            touchpoint, tags (separated by ;). A post already imported is counted as a duplicate.
          </p>
          {errors.fields.file ? <p className="field-error">{errors.fields.file}</p> : null}
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {report ? (
        <section className="card" aria-labelledby="fb-report-title" role="status">
          <h2 id="fb-report-title">Import report</h2>
          <dl className="details">
            <div>
              <dt>Created</dt>
              <dd>{report.created}</dd>
            </div>
            <div>
              <dt>Duplicates dropped</dt>
              <dd>{report.duplicates}</dd>
            </div>
            <div>
              <dt>Rejected rows</dt>
              <dd>{report.rejected.length}</dd>
            </div>
          </dl>
          {report.rejected.length ? (
            <ul className="import-rejected">
              {report.rejected.map((r) => (
                <li key={`${r.line}-${r.reason}`}>
                  Line {r.line}: {r.reason}
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <Link to="/feedback?source=social">Show the social mentions</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

function WidgetSnippet() {
  const [site, setSite] = useState('');
  const [touchpoint, setTouchpoint] = useState('');
  const origin = window.location.origin;
  const params = qs({ site, touchpoint });
  const link = `${origin}/f${params}`;
  const widget = `${origin}/f${qs({ widget: 1, site, touchpoint })}`;
  const snippet = `<iframe src="${widget}" title="Feedback" width="360" height="460" style="border:0;max-width:100%" loading="lazy"></iframe>`;
  return (
    <div className="split">
      <form className="form card" onSubmit={(e) => e.preventDefault()} aria-label="Widget settings">
        <h2>Where the form is used</h2>
        <TextField id="fb-w-site" label="Site" value={site} onChange={setSite} hint="Saved with each answer, e.g. a branch or a web shop." />
        <TextField id="fb-w-touchpoint" label="Touchpoint" value={touchpoint} onChange={setTouchpoint} hint="Where in the journey, e.g. checkout." />
      </form>
      <section className="card" aria-labelledby="fb-w-title">
        <h2 id="fb-w-title">Share the form</h2>
        <p>
          Public page: <a href={link}>{link}</a>
        </p>
        <div className="field">
          <label htmlFor="fb-w-snippet">Embed on your web site</label>
          <textarea id="fb-w-snippet" readOnly rows={4} value={snippet} className="mono" aria-describedby="fb-w-snippet-hint" />
          <p className="hint" id="fb-w-snippet-hint">
            Paste this into any page; the compact form (1–5 stars and a comment) may be framed by any site.
          </p>
        </div>
        <button type="button" className="btn" onClick={() => void navigator.clipboard?.writeText(snippet)}>
          Copy the snippet
        </button>
      </section>
    </div>
  );
}
