// The complainant's status page (/status/<token>): the secret link from the
// form's receipt and the acknowledgement mail is the only credential. Shows
// the reference, where the complaint stands (received → acknowledged →
// assessed → investigating → responded → closed, or a side state), the dates,
// the messages to and from the complainant, and a reply form while replies
// are open (GET /api/v1/public/status/{token}, POST …/replies).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router-dom';
import { api, ApiError } from '../api';
import { TextArea } from '../components/Fields';
import { FormAlert, Loading } from '../components/Feedback';
import { PublicShell } from '../components/PublicShell';
import { fmtDateTime, sentence } from '../format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../hooks';

interface PublicMessage {
  id: number;
  kind: 'to_complainant' | 'from_complainant';
  subject: string;
  body: string;
  author: string;
  created_at: string;
}

interface PublicStatus {
  reference: string;
  state: string;
  stage_label: string;
  received_at: string;
  acknowledged_at: string | null;
  responded_at: string | null;
  closed_at: string | null;
  summary: string;
  messages: PublicMessage[];
  can_reply: boolean;
}

/** The main path, labelled as the status answer labels its states. */
const STAGES: { state: string; text: string }[] = [
  { state: 'received', text: 'Received' },
  { state: 'acknowledged', text: 'Acknowledged' },
  { state: 'assessed', text: 'Being assessed' },
  { state: 'investigating', text: 'Under investigation' },
  { state: 'responded', text: 'Response sent' },
  { state: 'closed', text: 'Closed' },
];

/** What a side state means for the complainant. */
const SIDE_NOTES: Record<string, string> = {
  waiting_on_complainant: 'We are waiting for your reply before we can go on. Please answer our last message below.',
  reopened: 'Your complaint has been reopened and we are looking into it again.',
  withdrawn: 'This complaint was withdrawn. If you still have a problem, please make a new complaint.',
  referred: 'Your complaint was referred to external dispute resolution.',
};

/** The token is the rest of the path after /status/. */
export function tokenFrom(pathname: string, prefix: string): string {
  const rest = pathname.slice(prefix.length);
  try {
    return decodeURIComponent(rest.split('/')[0] ?? '');
  } catch {
    return '';
  }
}

/** How far along the main path the complaint has come (index into STAGES). */
function reached(s: PublicStatus): number {
  const i = STAGES.findIndex((x) => x.state === s.state);
  if (i >= 0) return i;
  if (s.closed_at) return 5;
  if (s.responded_at) return 4;
  if (s.acknowledged_at) return 1;
  return 0;
}

function Stages({ status }: { status: PublicStatus }) {
  const onPath = STAGES.some((x) => x.state === status.state);
  const upTo = reached(status);
  return (
    <ol className="stages" aria-label="Progress">
      {STAGES.map((st, i) => {
        const current = onPath && i === upTo;
        const done = i < upTo || (!onPath && i <= upTo);
        const cls = current ? 'stage stage-current' : done ? 'stage stage-done' : 'stage';
        return (
          <li key={st.state} className={cls} aria-current={current ? 'step' : undefined}>
            <span className="stage-dot" aria-hidden="true">
              {done && !current ? '✓' : i + 1}
            </span>
            <span className="stage-text">
              {st.text}
              <span className="visually-hidden">{current ? ' (current stage)' : done ? ' (done)' : ' (to come)'}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function ReplyForm({ token, onSent }: { token: string; onSent: () => void }) {
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setSent('');
    try {
      await api.post(`/api/v1/public/status/${encodeURIComponent(token)}/replies`, { body });
      setBody('');
      setSent('Your reply was sent.');
      onSent();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form public-card" onSubmit={submit} noValidate aria-labelledby="reply-title">
      <h2 id="reply-title">Write to us</h2>
      <FormAlert errors={errors} shown={['body']} />
      <TextArea id="status-reply" label="Your message" rows={5} value={body} onChange={setBody} required error={errors.fields.body} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send message'}
        </button>
        <span role="status" className="public-sent">
          {sent}
        </span>
      </div>
    </form>
  );
}

export function ComplaintStatusPage() {
  const location = useLocation();
  const token = tokenFrom(location.pathname, '/status/');
  const [status, setStatus] = useState<PublicStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const first = useRef(true);

  useEffect(() => {
    let live = true;
    if (!token) {
      setError(new ApiError(404, { detail: 'no complaint has this status link' }));
      setLoading(false);
      return;
    }
    if (first.current) setLoading(true);
    api
      .get<PublicStatus>(`/api/v1/public/status/${encodeURIComponent(token)}`)
      .then((s) => {
        if (!live) return;
        setStatus(s);
        setError(null);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof ApiError ? e : new ApiError(0, { detail: String(e) }));
      })
      .finally(() => {
        if (!live) return;
        first.current = false;
        setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [token, tick]);

  if (loading && !status) {
    return (
      <PublicShell title="Your complaint">
        <h1>Your complaint</h1>
        <Loading />
      </PublicShell>
    );
  }

  if (!status) {
    const notFound = error?.status === 404;
    return (
      <PublicShell title="Your complaint">
        <h1>{notFound ? 'We cannot find this complaint' : 'Your complaint'}</h1>
        <div className="alert alert-error" role="alert">
          <p className="alert-title">
            {notFound
              ? 'No complaint belongs to this link. Please check that you opened or copied the whole link from our message.'
              : sentence(error?.problem.detail ?? 'The status could not be loaded.')}
            {error?.status === 429 ? ' Please try again later.' : ''}
          </p>
        </div>
        {!notFound ? (
          <button type="button" className="btn" onClick={() => setTick((t) => t + 1)}>
            Try again
          </button>
        ) : null}
      </PublicShell>
    );
  }

  const side = SIDE_NOTES[status.state];
  const dates: [string, string | null][] = [
    ['Received', status.received_at],
    ['Acknowledged', status.acknowledged_at],
    ['Response sent', status.responded_at],
    ['Closed', status.closed_at],
  ];
  return (
    <PublicShell title={`Complaint ${status.reference}`}>
      <h1>
        Your complaint <span className="nowrap">{status.reference}</span>
      </h1>
      <p className="public-summary">{status.summary}</p>
      {error ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{sentence(error.problem.detail ?? error.message)}</p>
        </div>
      ) : null}

      <section className="public-card" aria-labelledby="stage-title">
        <h2 id="stage-title">Where your complaint stands</h2>
        <p className="public-stage-now">
          Status: <strong className={`badge badge-${status.state}`}>{status.stage_label}</strong>
        </p>
        {side ? <p className="alert alert-warn public-side">{side}</p> : null}
        <Stages status={status} />
        <dl className="details public-dates">
          {dates
            .filter(([, at]) => !!at)
            .map(([what, at]) => (
              <div key={what}>
                <dt>{what}</dt>
                <dd>{fmtDateTime(at)}</dd>
              </div>
            ))}
        </dl>
      </section>

      <section className="public-card" aria-labelledby="messages-title">
        <h2 id="messages-title">Messages</h2>
        {status.messages.length === 0 ? (
          <p className="muted">No messages yet.</p>
        ) : (
          <ol className="public-messages">
            {status.messages.map((m) => (
              <li key={m.id} className={`public-message public-message-${m.kind === 'from_complainant' ? 'mine' : 'theirs'}`}>
                <article aria-label={`${m.author}, ${fmtDateTime(m.created_at)}`}>
                  <p className="public-message-head">
                    <span className="public-message-author">{m.author}</span>{' '}
                    <time className="muted small" dateTime={m.created_at}>
                      {fmtDateTime(m.created_at)}
                    </time>
                  </p>
                  {m.subject ? <p className="public-message-subject">{m.subject}</p> : null}
                  <p className="pre public-message-body">{m.body}</p>
                </article>
              </li>
            ))}
          </ol>
        )}
      </section>

      {status.can_reply ? (
        <ReplyForm token={token} onSent={() => setTick((t) => t + 1)} />
      ) : (
        <p className="muted">Replies to this complaint are closed.</p>
      )}
    </PublicShell>
  );
}
