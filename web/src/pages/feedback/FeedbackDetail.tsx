// One feedback item (/feedback/<id>): what was said, by which channel, when
// (with the local time it came with), where, the social post it came from,
// its tags (editable by handlers and up) and "Turn into complaint" — one
// action that files the complaint and keeps the link; afterwards the item
// links to its complaint.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { useCan } from '../../auth';
import { FormAlert, LoadError, Loading } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { fmtDateTime } from '../../format';
import { NO_ERRORS, toFormErrors, useApi, useCustomerNames, type FormErrors } from '../../hooks';
import { SourceBadge } from './Feedback';
import { ratingText, type FeedbackItem } from './feedbackTypes';

export function FeedbackItemPage() {
  const { id } = useParams();
  const [refresh, setRefresh] = useState(0);
  const { data: item, error } = useApi<FeedbackItem>(`/api/v1/feedback/${id}`, refresh);
  const canWrite = useCan('complaints');
  const names = useCustomerNames(item?.customer_id ? [item.customer_id] : []);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [tags, setTags] = useState<string | null>(null);

  if (error) return <LoadError error={error} />;
  if (!item) return <Loading />;

  async function turnIntoComplaint() {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`/api/v1/feedback/${item!.id}/complaint`, {});
      setRefresh((n) => n + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setRefresh((n) => n + 1);
      else setErrors(toFormErrors(e));
    } finally {
      setBusy(false);
    }
  }

  async function saveTags(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    const list = (tags ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    try {
      await api.patch(`/api/v1/feedback/${item!.id}/tags`, { tags: list });
      setTags(null);
      setRefresh((n) => n + 1);
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  const title = item.text ? (item.text.length > 80 ? `${item.text.slice(0, 79)}…` : item.text) : `Feedback ${item.id}`;
  return (
    <>
      <p className="crumbs">
        <Link to="/feedback">Feedback</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
        <SourceBadge source={item.source} />
      </div>
      <FormAlert errors={errors} shown={['tags']} />
      <div className="split">
        <section className="card" aria-labelledby="fb-said">
          <h2 id="fb-said">What was said</h2>
          {item.text ? <p className="pre">{item.text}</p> : <p className="muted">No comment, a rating only.</p>}
          <dl className="details">
            <div>
              <dt>Rating</dt>
              <dd>{ratingText(item) || '—'}</dd>
            </div>
            <div>
              <dt>When</dt>
              <dd>
              {fmtDateTime(item.occurred_at)}
              {item.occurred_offset ? <span className="muted small"> (local {item.occurred_local})</span> : null}
            </dd>
            </div>
            <div>
              <dt>Site</dt>
              <dd>{item.site || '—'}</dd>
            </div>
            <div>
              <dt>Touchpoint</dt>
              <dd>{item.touchpoint || '—'}</dd>
            </div>
            <div>
              <dt>Customer</dt>
              <dd>{item.customer_id ? <Link to={`/customers/${item.customer_id}`}>{names.get(item.customer_id) ?? `Customer ${item.customer_id}`}</Link> : '—'}</dd>
            </div>
            <div>
              <dt>E-mail</dt>
              <dd>{item.contact_email || '—'}</dd>
            </div>
            <div>
              <dt>Language</dt>
              <dd>{item.language || '—'}</dd>
            </div>
            <div>
              <dt>Recorded</dt>
              <dd>{fmtDateTime(item.created_at)}</dd>
            </div>
          </dl>
          {item.social ? (
            <>
              <h3>Social post</h3>
              <dl className="details">
                <div>
                  <dt>Platform</dt>
                  <dd>{item.social.platform}</dd>
                </div>
                <div>
                  <dt>Author</dt>
                  <dd>{item.social.author_handle || '—'}</dd>
                </div>
                <div>
                  <dt>Posted</dt>
                  <dd>{item.social.posted_local}</dd>
                </div>
                <div>
                  <dt>Post</dt>
                  <dd>
                  {item.social.url ? (
                    <a href={item.social.url} rel="noopener noreferrer" target="_blank">
                      {item.social.post_id}
                    </a>
                  ) : (
                    item.social.post_id
                  )}
                </dd>
                </div>
              </dl>
            </>
          ) : null}
        </section>
        <div>
          <section className="card" aria-labelledby="fb-complaint">
            <h2 id="fb-complaint">Complaint</h2>
            {item.complaint_id ? (
              <p>
                This feedback is <Link to={`/complaints/${item.complaint_id}`}>a complaint now</Link>.
              </p>
            ) : canWrite ? (
              <>
                <p className="muted">Files a complaint with this text, customer and site, and keeps the link.</p>
                <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void turnIntoComplaint()}>
                  {busy ? 'Filing…' : 'Turn into complaint'}
                </button>
              </>
            ) : (
              <p className="muted">Not a complaint.</p>
            )}
          </section>
          <section className="card" aria-labelledby="fb-tags">
            <h2 id="fb-tags">Tags</h2>
            {tags === null ? (
              <>
                <p>{item.tags.length ? item.tags.join(', ') : <span className="muted">No tags.</span>}</p>
                {canWrite ? (
                  <button type="button" className="btn btn-small" onClick={() => setTags(item.tags.join(', '))}>
                    Edit tags
                  </button>
                ) : null}
              </>
            ) : (
              <form className="form" onSubmit={saveTags} aria-label="Tags">
                <TextField id="fb-tags-input" label="Tags" hint="Separated by commas." value={tags} onChange={setTags} error={errors.fields.tags} />
                <div className="actions">
                  <button type="submit" className="btn btn-primary">
                    Save tags
                  </button>
                  <button type="button" className="btn" onClick={() => setTags(null)}>
                    Cancel
                  </button>
                </div>
              </form>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
