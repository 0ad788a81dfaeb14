// The public feedback form (/f): no account. One to five stars and a
// comment (either is enough), an optional e-mail for an answer, and the site
// and touchpoint the link or widget carries in its query (?site=…&touchpoint=…).
// /f?widget=1 is the compact form for an iframe on another site (the snippet
// of the staff Feedback page): no header or footer, posted as source
// "widget". The form token asked for on opening is the bot trap's clock
// (a post sooner than 3 s is a bot's); the hidden "website" field is its
// other half. POST /api/v1/public/feedback.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { FormAlert } from '../../components/Feedback';
import { TextArea, TextField } from '../../components/Fields';
import { PublicShell } from '../../components/PublicShell';
import { sentence } from '../../format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../hooks';

const STARS = [1, 2, 3, 4, 5];
const STAR_WORDS = ['', 'Very poor', 'Poor', 'Fair', 'Good', 'Excellent'];

interface FormInfo {
  form_token: string;
  min_fill_seconds: number;
}

function Frame({ widget, children }: { widget: boolean; children: ReactNode }) {
  useEffect(() => {
    if (widget) document.title = 'Feedback';
  }, [widget]);
  if (widget)
    return (
      <main id="main" className="feedback-widget" tabIndex={-1}>
        {children}
      </main>
    );
  return (
    <PublicShell title="Feedback" app="Feedback" newComplaintLink={false}>
      {children}
    </PublicShell>
  );
}

export function FeedbackFormPage() {
  const location = useLocation();
  const query = new URLSearchParams(location.search);
  const widget = query.get('widget') === '1';
  const site = (query.get('site') ?? '').slice(0, 200);
  const touchpoint = (query.get('touchpoint') ?? '').slice(0, 200);
  const [info, setInfo] = useState<FormInfo | null>(null);
  const [rating, setRating] = useState(0);
  const [text, setText] = useState('');
  const [email, setEmail] = useState('');
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    api
      .get<FormInfo>('/api/v1/public/feedback/form')
      .then(setInfo)
      .catch((e) => setErrors(toFormErrors(e)));
  }, [sent]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (rating < 1 && !text.trim()) {
      setErrors({ detail: '', fields: { rating: 'Please choose a number of stars or write a comment.' } });
      document.getElementById('fb-star-1')?.focus();
      return;
    }
    if (!info) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post('/api/v1/public/feedback', {
        form_token: info.form_token,
        ...(rating > 0 ? { rating } : {}),
        text: text.trim(),
        contact_email: email.trim(),
        site,
        touchpoint,
        widget,
        website,
      });
      setSent(true);
    } catch (err) {
      const fe = toFormErrors(err);
      if (err instanceof ApiError && err.status === 422 && fe.fields.form_token) fe.detail = 'This form has expired. Please reload the page.';
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <Frame widget={widget}>
        <section className={widget ? 'feedback-card' : 'public-card'} role="status">
          <h1>Thank you for your feedback</h1>
          <p>We read every message{email.trim() ? ' and will answer you by e-mail if there is something to answer' : ''}.</p>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setSent(false);
              setRating(0);
              setText('');
              setEmail('');
            }}
          >
            Send more feedback
          </button>
        </section>
      </Frame>
    );
  }

  const ratingError = errors.fields.rating;
  return (
    <Frame widget={widget}>
      <h1 className={widget ? 'feedback-widget-title' : undefined}>How was your experience?</h1>
      {!widget && site ? <p className="public-lead">At {site}{touchpoint ? ` (${touchpoint})` : ''}</p> : null}
      <form className={`form ${widget ? 'feedback-card' : 'public-card'}`} onSubmit={submit} noValidate aria-label="Feedback">
        <FormAlert errors={errors} shown={['rating', 'text', 'contact_email']} />
        <fieldset
          className={`feedback-stars${ratingError ? ' field-invalid' : ''}`}
          aria-describedby={ratingError ? 'fb-rating-error' : undefined}
        >
          <legend>Your rating</legend>
          <div className="feedback-star-row">
            {STARS.map((n) => (
              <span className="feedback-star" key={n}>
                <input
                  type="radio"
                  id={`fb-star-${n}`}
                  name="rating"
                  value={n}
                  checked={rating === n}
                  onChange={() => {
                    setRating(n);
                    if (ratingError) setErrors((e) => ({ ...e, fields: { ...e.fields, rating: '' } }));
                  }}
                />
                <label htmlFor={`fb-star-${n}`} className={n <= rating ? 'on' : undefined}>
                  <span aria-hidden="true">★</span>
                  <span className="visually-hidden">
                    {n} {n === 1 ? 'star' : 'stars'}, {STAR_WORDS[n]}
                  </span>
                </label>
              </span>
            ))}
          </div>
          <p className="hint" aria-live="polite">
            {rating > 0 ? `${rating} of 5: ${STAR_WORDS[rating]}` : 'Choose 1 to 5 stars.'}
          </p>
          {ratingError ? (
            <p className="field-error" id="fb-rating-error">
              {sentence(ratingError)}
            </p>
          ) : null}
        </fieldset>
        <TextArea id="fb-text" label="Comment (optional)" rows={widget ? 3 : 5} value={text} onChange={setText} error={errors.fields.text} />
        <TextField
          id="fb-email"
          label="E-mail (optional)"
          hint="Only if you would like an answer."
          type="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
          error={errors.fields.contact_email}
        />
        {/* Bot trap: people never see or reach this field; a filled one means a bot. */}
        <div className="public-trap" aria-hidden="true">
          <label htmlFor="fb-website">Website</label>
          <input id="fb-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !info}>
            {busy ? 'Sending…' : 'Send feedback'}
          </button>
        </div>
      </form>
    </Frame>
  );
}
