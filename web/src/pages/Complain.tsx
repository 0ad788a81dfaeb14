// The public complaint form (/complain): no account. What happened, the
// product or service, when, the remedy wanted, optional contact details with
// consent, up to five attachments, and a hidden bot-trap field. Sent as
// multipart/form-data to POST /api/v1/public/complaints; the answer's
// reference and secret status link are shown prominently afterwards.
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { CheckboxField, TextArea, TextField } from '../components/Fields';
import { FormAlert } from '../components/Feedback';
import { PublicShell } from '../components/PublicShell';
import { sentence, todayInput } from '../format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../hooks';

interface Receipt {
  reference: string;
  status_url: string;
}

const MAX_FILES = 5;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain';
const SHOWN_FIELDS = [
  'summary',
  'description',
  'product',
  'occurred_on',
  'remedy_wanted',
  'contact_name',
  'contact_email',
  'contact_phone',
  'consent_contact',
  'attachment',
];

interface Draft {
  summary: string;
  description: string;
  product: string;
  occurred_on: string;
  remedy_wanted: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  consent_contact: boolean;
  website: string;
}

const EMPTY: Draft = {
  summary: '',
  description: '',
  product: '',
  occurred_on: '',
  remedy_wanted: '',
  contact_name: '',
  contact_email: '',
  contact_phone: '',
  consent_contact: false,
  website: '',
};

/** "1.2 MB", "340 KB", "12 bytes". */
function fileSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

function retryText(e: ApiError): string {
  const seconds = Number(e.retryAfter);
  if (!(seconds > 0)) return '';
  return seconds > 90 ? ` Please try again in ${Math.ceil(seconds / 60)} minutes.` : ` Please try again in ${seconds} seconds.`;
}

function Attachments(props: { files: File[]; onChange: (files: File[]) => void; error?: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');
  const full = props.files.length >= MAX_FILES;

  function add(e: ChangeEvent<HTMLInputElement>) {
    const chosen = Array.from(e.target.files ?? []);
    e.target.value = '';
    const next = [...props.files];
    const refused: string[] = [];
    for (const f of chosen) {
      if (f.size > MAX_FILE_BYTES) refused.push(`"${f.name}" is larger than 10 MB.`);
      else if (f.size === 0) refused.push(`"${f.name}" is empty.`);
      else if (next.length >= MAX_FILES) refused.push(`"${f.name}" was not added: at most ${MAX_FILES} files.`);
      else next.push(f);
    }
    setNote(refused.join(' '));
    props.onChange(next);
  }

  const describedBy = ['complain-files-hint', props.error || note ? 'complain-files-error' : ''].filter(Boolean).join(' ');
  return (
    <fieldset className={`public-files${props.error || note ? ' field-invalid' : ''}`}>
      <legend>Attachments (optional)</legend>
      <div className="field">
        <label htmlFor="complain-files">Attach files</label>
        <input
          ref={inputRef}
          id="complain-files"
          name="attachment"
          type="file"
          multiple
          accept={ACCEPT}
          disabled={full}
          onChange={add}
          aria-describedby={describedBy}
          aria-invalid={props.error || note ? true : undefined}
        />
        <p className="hint" id="complain-files-hint">
          Up to {MAX_FILES} files, each up to 10 MB. Accepted types: PDF, PNG, JPEG, GIF, WebP and plain text.
          {full ? ' You have attached the most files allowed.' : ''}
        </p>
        {props.error || note ? (
          <p className="field-error" id="complain-files-error">
            {[props.error ? sentence(props.error) : '', note].filter(Boolean).join(' ')}
          </p>
        ) : null}
      </div>
      {props.files.length > 0 ? (
        <ul className="public-file-list" aria-label="Attached files">
          {props.files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span className="public-file-name">{f.name}</span> <span className="muted small">({fileSize(f.size)})</span>
              <button
                type="button"
                className="btn btn-small btn-quiet"
                aria-label={`Remove ${f.name}`}
                onClick={() => {
                  setNote('');
                  props.onChange(props.files.filter((_, j) => j !== i));
                  inputRef.current?.focus();
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

function ReceiptView({ receipt, onAnother }: { receipt: Receipt; onAnother: () => void }) {
  const headRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState('');
  const link = `${window.location.origin}${receipt.status_url}`;
  useEffect(() => {
    headRef.current?.focus();
  }, []);
  const canCopy = typeof navigator !== 'undefined' && !!navigator.clipboard && window.isSecureContext;
  return (
    <section className="public-card receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" tabIndex={-1} ref={headRef}>
        Thank you — we have received your complaint
      </h1>
      <p className="receipt-ref-line">
        Your reference: <strong className="receipt-ref">{receipt.reference}</strong>
      </p>
      <div className="receipt-link-box">
        <h2>Keep this link</h2>
        <p>
          Follow your complaint, read our messages and reply at this address. It is the only way to see your complaint
          without an account, and anyone who has the link can read it — save or bookmark it and keep it to yourself.
        </p>
        <p className="receipt-link">
          <a href={receipt.status_url}>{link}</a>
        </p>
        {canCopy ? (
          <p className="actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                navigator.clipboard.writeText(link).then(
                  () => setCopied('Link copied.'),
                  () => setCopied('The link could not be copied; please copy it by hand.'),
                );
              }}
            >
              Copy link
            </button>
            <span role="status" className="muted small">
              {copied}
            </span>
          </p>
        ) : null}
      </div>
      <p className="muted">
        If you gave an e-mail address and agreed that we may contact you, we also send you this link by e-mail. Please quote
        the reference if you write to us about this complaint.
      </p>
      <p>
        <button type="button" className="btn" onClick={onAnother}>
          Make another complaint
        </button>
      </p>
    </section>
  );
}

export function ComplainPage() {
  const [d, setD] = useState<Draft>(EMPTY);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const f = errors.fields;
  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setD((old) => ({ ...old, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    const form = new FormData();
    form.append('summary', d.summary.trim());
    form.append('description', d.description);
    form.append('product', d.product.trim());
    form.append('occurred_on', d.occurred_on);
    form.append('remedy_wanted', d.remedy_wanted);
    form.append('contact_name', d.contact_name.trim());
    form.append('contact_email', d.contact_email.trim());
    form.append('contact_phone', d.contact_phone.trim());
    form.append('consent_contact', d.consent_contact ? 'true' : 'false');
    form.append('website', d.website);
    for (const file of files) form.append('attachment', file, file.name);
    try {
      const r = await api.upload<Receipt>('/api/v1/public/complaints', form);
      setReceipt(r);
      window.scrollTo(0, 0);
    } catch (err) {
      const fe = toFormErrors(err);
      if (err instanceof ApiError) {
        if (err.status === 413 && !fe.fields.attachment) fe.fields.attachment = 'A file is larger than 10 MB, or the files together are too large.';
        if (err.status === 429) fe.detail = `${sentence(fe.detail).replace(/[.!?]?$/, '.')}${retryText(err)}`;
        if (err.status === 422 && Object.keys(fe.fields).length > 0) fe.detail = 'Please check the fields marked below.';
      }
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  }

  if (receipt) {
    return (
      <PublicShell title="Complaint received" newComplaintLink={false}>
        <ReceiptView
          receipt={receipt}
          onAnother={() => {
            setReceipt(null);
            setD(EMPTY);
            setFiles([]);
          }}
        />
      </PublicShell>
    );
  }

  const contactGiven = d.contact_email.trim() !== '' || d.contact_phone.trim() !== '';
  return (
    <PublicShell title="Make a complaint" newComplaintLink={false}>
      <h1>Make a complaint</h1>
      <p className="public-lead">
        Tell us what went wrong. You do not need an account. Only the summary and what happened are required; everything
        else helps us look into it.
      </p>
      <form className="form public-card" onSubmit={submit} noValidate aria-label="Complaint">
        <FormAlert errors={errors} shown={SHOWN_FIELDS} />

        <fieldset>
          <legend>Your complaint</legend>
          <TextField
            id="complain-summary"
            label="Summary"
            hint="In a few words, e.g. “Parcel arrived damaged”."
            value={d.summary}
            onChange={set('summary')}
            required
            error={f.summary}
          />
          <TextArea
            id="complain-description"
            label="What happened"
            hint="What happened, and what went wrong for you."
            rows={6}
            value={d.description}
            onChange={set('description')}
            required
            error={f.description}
          />
          <div className="grid2">
            <TextField
              id="complain-product"
              label="Product or service"
              value={d.product}
              onChange={set('product')}
              error={f.product}
            />
            <TextField
              id="complain-when"
              label="When did it happen?"
              type="date"
              max={todayInput()}
              hint="Leave empty if you are not sure."
              value={d.occurred_on}
              onChange={set('occurred_on')}
              error={f.occurred_on}
            />
          </div>
          <TextArea
            id="complain-remedy"
            label="What would you like us to do?"
            hint="For example a repair, a replacement, a refund or an apology."
            rows={3}
            value={d.remedy_wanted}
            onChange={set('remedy_wanted')}
            error={f.remedy_wanted}
          />
        </fieldset>

        <fieldset>
          <legend>Your contact details (optional)</legend>
          <p className="hint public-fieldset-hint">
            Without contact details we cannot reply to you, but you can still follow your complaint with the link you get
            after sending it.
          </p>
          <TextField
            id="complain-name"
            label="Name"
            autoComplete="name"
            value={d.contact_name}
            onChange={set('contact_name')}
            error={f.contact_name}
          />
          <div className="grid2">
            <TextField
              id="complain-email"
              label="E-mail"
              type="email"
              inputMode="email"
              autoComplete="email"
              value={d.contact_email}
              onChange={set('contact_email')}
              error={f.contact_email}
            />
            <TextField
              id="complain-phone"
              label="Phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={d.contact_phone}
              onChange={set('contact_phone')}
              error={f.contact_phone}
            />
          </div>
          <CheckboxField
            id="complain-consent"
            label="You may contact me about this complaint"
            hint={
              d.consent_contact || !contactGiven
                ? 'We use your contact details only for this complaint.'
                : 'Without this we will not e-mail or call you, not even to confirm that we received your complaint.'
            }
            checked={d.consent_contact}
            onChange={set('consent_contact')}
            error={f.consent_contact}
          />
        </fieldset>

        <Attachments files={files} onChange={setFiles} error={f.attachment} />

        {/* Bot trap: people never see or reach this field; a filled one means a bot. */}
        <div className="public-trap" aria-hidden="true">
          <label htmlFor="complain-website">Website</label>
          <input
            id="complain-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={d.website}
            onChange={(e) => set('website')(e.target.value)}
          />
        </div>

        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send complaint'}
          </button>
        </div>
      </form>
    </PublicShell>
  );
}
