// A survey's distribution beyond its public link (the Share tab): QR codes
// of the links (SVG and PNG), personal e-mail invitations — customers
// picked one by one or a whole segment, sent under the organisation's
// contact rules, with the reason for each one skipped —, the invitations
// with their status and counts, reminders, and the mail templates.
import { useState } from 'react';
import { api } from '../../api';
import { Badge } from '../../components/Badge';
import { CustomerPicker } from '../../components/CustomerPicker';
import { FormAlert, LoadError, Loading, Notice } from '../../components/Feedback';
import { SelectField, TextArea, TextField } from '../../components/Fields';
import { fmtDateTime, label } from '../../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../../hooks';
import { INVITATION_STATUSES, type InvitationList, type Survey, type SurveyInvitation, type SurveyMailTemplates } from '../../surveyTypes';
import type { Page, Segment } from '../../types';

export function QrCodes({ survey }: { survey: Survey }) {
  const [target, setTarget] = useState<'public' | 'embed'>('public');
  const base = `/api/v1/surveys/${survey.id}/qr`;
  return (
    <>
      <h2 className="h3">QR code</h2>
      <SelectField
        id="qr-target"
        label="Link in the QR code"
        value={target}
        onChange={(v) => setTarget(v === 'embed' ? 'embed' : 'public')}
        options={[
          { value: 'public', label: 'Public link' },
          { value: 'embed', label: 'Embedded page' },
        ]}
      />
      <div className="qr">
        <img src={`${base}.svg?target=${target}`} alt={`QR code of the survey's ${target === 'embed' ? 'embedded page' : 'public link'}`} width={200} height={200} data-testid="qr-image" />
        <p>
          <a className="btn btn-small" href={`${base}.svg?target=${target}`} download={`survey-${survey.id}-qr.svg`}>
            Download SVG
          </a>{' '}
          <a className="btn btn-small" href={`${base}.png?target=${target}`} download={`survey-${survey.id}-qr.png`}>
            Download PNG
          </a>
        </p>
      </div>
    </>
  );
}

interface InviteOutcome {
  created: SurveyInvitation[];
  skipped: { customer_id: number; reason: string }[];
  mail: { sent?: number; error?: string };
}

function InviteForm({ survey, onDone }: { survey: Survey; onDone: () => void }) {
  const [by, setBy] = useState<'customers' | 'segment'>('customers');
  const [pick, setPick] = useState('');
  const [chosen, setChosen] = useState<{ id: number; name: string }[]>([]);
  const [segment, setSegment] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const { data: segments } = useApi<Page<Segment>>('/api/v1/segments?limit=500');
  const { data: picked } = useApi<{ id: number; name: string }>(pick ? `/api/v1/customers/${pick}` : null);

  function add() {
    if (picked && String(picked.id) === pick && !chosen.some((c) => c.id === picked.id)) setChosen([...chosen, { id: picked.id, name: picked.name }]);
    setPick('');
  }

  async function send() {
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      const body = by === 'segment' ? { segment_id: segment ? Number(segment) : null } : { customer_ids: chosen.map((c) => c.id) };
      const out = await api.post<InviteOutcome>(`/api/v1/surveys/${survey.id}/invitations`, body);
      const names = new Map(chosen.map((c) => [c.id, c.name]));
      const skipped = out.skipped.map((s) => `${names.get(s.customer_id) ?? `customer #${s.customer_id}`}: ${s.reason}`);
      setNotice(
        `${out.created.length} invitation${out.created.length === 1 ? '' : 's'} made, ${out.mail.sent ?? 0} mailed now.` +
          (skipped.length ? ` Skipped — ${skipped.join('; ')}.` : ''),
      );
      setChosen([]);
      onDone();
    } catch (e) {
      setErrors(toFormErrors(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="invite-form">
      {notice ? <Notice text={notice} onDone={() => setNotice('')} /> : null}
      <FormAlert errors={errors} shown={['customer_ids', 'segment_id']} />
      <SelectField
        id="invite-by"
        label="Invite"
        value={by}
        onChange={(v) => setBy(v === 'segment' ? 'segment' : 'customers')}
        options={[
          { value: 'customers', label: 'Chosen customers' },
          { value: 'segment', label: 'Every customer of a segment' },
        ]}
      />
      {by === 'segment' ? (
        <SelectField
          id="invite-segment"
          label="Segment"
          value={segment}
          onChange={setSegment}
          empty="— choose —"
          options={(segments?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
          error={errors.fields.segment_id}
        />
      ) : (
        <>
          <CustomerPicker idPrefix="invite" value={pick} onChange={setPick} label="Customer to invite" error={errors.fields.customer_ids} />
          <button type="button" className="btn btn-small" onClick={add} disabled={!pick}>
            Add to the list
          </button>
          {chosen.length ? (
            <ul className="chosen" aria-label="Customers to invite">
              {chosen.map((c) => (
                <li key={c.id}>
                  {c.name}{' '}
                  <button type="button" className="btn btn-small" aria-label={`Remove ${c.name}`} onClick={() => setChosen(chosen.filter((x) => x.id !== c.id))}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">No customers chosen yet.</p>
          )}
        </>
      )}
      <button
        type="button"
        className="btn btn-primary"
        onClick={send}
        disabled={busy || survey.status !== 'open' || (by === 'customers' ? chosen.length === 0 : !segment)}
      >
        Send invitations
      </button>
      {survey.status !== 'open' ? <p className="muted small">Open the survey to send invitations.</p> : null}
    </div>
  );
}

function InvitationTable({ survey, tick, canWrite, onChange }: { survey: Survey; tick: number; canWrite: boolean; onChange: () => void }) {
  const [status, setStatus] = useState('');
  const [notice, setNotice] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const { data, error, loading } = useApi<InvitationList>(
    `/api/v1/surveys/${survey.id}/invitations?limit=100${status ? `&status=${status}` : ''}`,
    tick,
  );
  async function remind() {
    setErrors(NO_ERRORS);
    try {
      const out = await api.post<{ queued: number; mail: { sent?: number } }>(`/api/v1/surveys/${survey.id}/invitations/reminders`, {
        max_reminders: 2,
      });
      setNotice(`${out.queued} reminder${out.queued === 1 ? '' : 's'} queued, ${out.mail.sent ?? 0} mailed now.`);
      onChange();
    } catch (e) {
      setErrors(toFormErrors(e));
    }
  }
  if (error) return <LoadError error={error} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  return (
    <>
      {notice ? <Notice text={notice} onDone={() => setNotice('')} /> : null}
      <FormAlert errors={errors} />
      <ul className="invitation-counts" aria-label="Invitations by status" data-testid="invitation-counts">
        {INVITATION_STATUSES.map((s) => (
          <li key={s}>
            <Badge value={s} /> <span data-testid={`count-${s}`}>{data.counts[s] ?? 0}</span>
          </li>
        ))}
      </ul>
      <div className="toolbar">
        <SelectField
          id="invitation-status"
          label="Status"
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: 'All' }, ...INVITATION_STATUSES.map((s) => ({ value: s, label: label(s) }))]}
        />
        {canWrite ? (
          <button type="button" className="btn" onClick={remind} disabled={survey.status !== 'open'}>
            Send reminders
          </button>
        ) : null}
      </div>
      {data.items.length === 0 ? (
        <p className="muted">No invitations{status ? ' in this status' : ' yet'}.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Invitations">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col">Sent</th>
                <th scope="col">Reminders</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id}>
                  <td>{i.customer_name}</td>
                  <td data-testid="invitation-status">
                    <Badge value={i.status} />
                  </td>
                  <td>{i.sent_at ? fmtDateTime(i.sent_at) : i.due_at ? `due ${fmtDateTime(i.due_at)}` : '—'}</td>
                  <td>{i.reminder_count}</td>
                  <td>{i.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function MailTemplates({ survey, canWrite }: { survey: Survey; canWrite: boolean }) {
  const { data, error, loading } = useApi<SurveyMailTemplates>(`/api/v1/surveys/${survey.id}/mail-templates`);
  const [draft, setDraft] = useState<SurveyMailTemplates | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');
  if (error) return <LoadError error={error} />;
  if (loading && !data) return <Loading />;
  const t = draft ?? data;
  if (!t) return null;
  const set = (field: keyof SurveyMailTemplates) => (v: string) => setDraft({ ...t, [field]: v });
  async function save() {
    if (!t) return;
    setErrors(NO_ERRORS);
    try {
      const saved = await api.put<SurveyMailTemplates>(`/api/v1/surveys/${survey.id}/mail-templates`, t);
      setDraft(saved);
      setNotice('The mail templates are saved.');
    } catch (e) {
      setErrors(toFormErrors(e));
    }
  }
  return (
    <details className="mail-templates">
      <summary>Mail templates{t.is_default ? ' (the defaults)' : ''}</summary>
      <p className="muted small">Placeholders: {t.placeholders.map((p) => `{{${p}}}`).join(', ')}. A body must contain {'{{link}}'}.</p>
      {notice ? <Notice text={notice} onDone={() => setNotice('')} /> : null}
      <FormAlert errors={errors} shown={['invitation_subject', 'invitation_body', 'reminder_subject', 'reminder_body']} />
      <TextField id="tpl-invitation-subject" label="Invitation subject" value={t.invitation_subject} onChange={set('invitation_subject')} error={errors.fields.invitation_subject} />
      <TextArea id="tpl-invitation-body" label="Invitation text" rows={8} value={t.invitation_body} onChange={set('invitation_body')} error={errors.fields.invitation_body} />
      <TextField id="tpl-reminder-subject" label="Reminder subject" value={t.reminder_subject} onChange={set('reminder_subject')} error={errors.fields.reminder_subject} />
      <TextArea id="tpl-reminder-body" label="Reminder text" rows={8} value={t.reminder_body} onChange={set('reminder_body')} error={errors.fields.reminder_body} />
      {canWrite ? (
        <button type="button" className="btn btn-primary" onClick={save}>
          Save templates
        </button>
      ) : null}
    </details>
  );
}

export function Invitations({ survey, canWrite }: { survey: Survey; canWrite: boolean }) {
  const [tick, setTick] = useState(0);
  return (
    <section aria-labelledby="invitations-heading">
      <h2 className="h3" id="invitations-heading">
        Invitations by e-mail
      </h2>
      <p className="muted small">
        Each customer gets a personal link; answers are counted once per link. Customers without consent to surveys, or invited to any survey
        recently, are skipped (contact rules in the settings).
      </p>
      {canWrite ? <InviteForm survey={survey} onDone={() => setTick((t) => t + 1)} /> : null}
      <InvitationTable survey={survey} tick={tick} canWrite={canWrite} onChange={() => setTick((t) => t + 1)} />
      <MailTemplates survey={survey} canWrite={canWrite} />
    </section>
  );
}
