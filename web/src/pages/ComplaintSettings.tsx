// Complaint settings: quality managers see them, admins edit them — the
// business calendar (time zone, working hours, holidays), SLA targets per
// severity, the no-reply closure period, the mail sender, the public base
// URL and the three mail templates. Below, the category taxonomy editor
// (quality managers and admins): add a child, rename, deactivate.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useCan } from '../auth';
import { useCategories } from '../components/ComplaintBits';
import { FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { CheckboxField, SelectField, TextArea, TextField } from '../components/Fields';
import { label } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import { WEEKDAYS, type ComplaintCategory, type ComplaintSettings, type MailTemplate, type SlaTargets, type SlaUnit } from '../types';

const UNITS = [
  { value: 'business_days', label: 'business days' },
  { value: 'business_hours', label: 'business hours' },
];
const TARGET_ROWS: { key: string; text: string }[] = [
  { key: 'unassessed', text: 'Not yet assessed' },
  { key: '1', text: 'Severity 1 (most severe)' },
  { key: '2', text: 'Severity 2' },
  { key: '3', text: 'Severity 3' },
  { key: '4', text: 'Severity 4' },
];
const TEMPLATES: { key: 'acknowledgement' | 'decision' | 'closure'; text: string }[] = [
  { key: 'acknowledgement', text: 'Acknowledgement' },
  { key: 'decision', text: 'Decision' },
  { key: 'closure', text: 'Closure notice' },
];

type Draft = ComplaintSettings & { holidaysText: string };

function toDraft(s: ComplaintSettings): Draft {
  return { ...structuredClone(s), holidaysText: (s.calendar.holidays ?? []).join('\n') };
}

function fromDraft(d: Draft): ComplaintSettings {
  const { holidaysText, updated_at: _ignored, ...rest } = d;
  return {
    ...rest,
    calendar: {
      ...rest.calendar,
      holidays: holidaysText
        .split(/[\s,]+/)
        .map((x) => x.trim())
        .filter(Boolean),
    },
  };
}

function SettingsForm({ initial, canEdit, onSaved }: { initial: ComplaintSettings; canEdit: boolean; onSaved: (s: ComplaintSettings) => void }) {
  const [d, setD] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const f = errors.fields;
  const edit = (fn: (x: Draft) => void) =>
    setD((old) => {
      const next = structuredClone(old);
      fn(next);
      return next;
    });
  const firstError = (prefix: string) => Object.entries(f).find(([k]) => k === prefix || k.startsWith(`${prefix}/`))?.[1];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = await api.put<ComplaintSettings>('/api/v1/complaint-settings', fromDraft(d));
      onSaved(saved);
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const target = (row: string): SlaTargets => (row === 'unassessed' ? d.sla.unassessed : d.sla.severity[row]);
  const setTarget = (row: string, clock: 'acknowledge' | 'resolve', field: 'amount' | 'unit', value: string) =>
    edit((x) => {
      const t = row === 'unassessed' ? x.sla.unassessed : x.sla.severity[row];
      if (field === 'amount') t[clock].amount = Number(value);
      else t[clock].unit = value as SlaUnit;
    });
  const targetPath = (row: string) => (row === 'unassessed' ? 'sla/unassessed' : `sla/severity/${row}`);
  const shown = Object.keys(f).filter((k) => /^(calendar|sla|closure|templates|canned_responses)\//.test(k) || ['mail_from', 'mail_from_name', 'public_base_url'].includes(k));

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Complaint settings">
      <FormAlert errors={errors} shown={shown} />
      <fieldset disabled={!canEdit} className="plain-fieldset">
        <section className="panel" aria-labelledby="cal-title">
          <h2 id="cal-title">Business calendar</h2>
          <TextField
            id="cs-tz"
            label="Time zone"
            hint="IANA name, e.g. Europe/Berlin. SLA clocks count working hours in this zone."
            value={d.calendar.time_zone}
            onChange={(v) => edit((x) => void (x.calendar.time_zone = v))}
            error={f['calendar/time_zone']}
          />
          <fieldset className="week" aria-describedby={f['calendar/week'] ? 'cs-week-error' : undefined}>
            <legend>Working hours</legend>
            <p className="hint">Local times as HH:MM; a day may close at 24:00.</p>
            {WEEKDAYS.map((day) => {
              const h = d.calendar.week[day];
              return (
                <div className="week-row" key={day}>
                  <CheckboxField
                    id={`cs-${day}-on`}
                    label={label(day)}
                    checked={!!h}
                    onChange={(on) => edit((x) => void (x.calendar.week[day] = on ? { open: '09:00', close: '17:00' } : null))}
                  />
                  {h ? (
                    <>
                      <TextField
                        id={`cs-${day}-open`}
                        label={`${label(day)} opens`}
                        type="time"
                        value={h.open}
                        onChange={(v) => edit((x) => void (x.calendar.week[day]!.open = v))}
                        error={f[`calendar/week/${day}/open`]}
                      />
                      <TextField
                        id={`cs-${day}-close`}
                        label={`${label(day)} closes`}
                        type="text"
                        value={h.close}
                        onChange={(v) => edit((x) => void (x.calendar.week[day]!.close = v))}
                        error={f[`calendar/week/${day}/close`]}
                      />
                    </>
                  ) : (
                    <span className="muted week-closed">Closed</span>
                  )}
                </div>
              );
            })}
            {f['calendar/week'] ? (
              <p className="field-error" id="cs-week-error">
                {f['calendar/week']}
              </p>
            ) : null}
          </fieldset>
          <TextArea
            id="cs-holidays"
            label="Holidays"
            hint="One date per line (YYYY-MM-DD); no working hours on these days."
            rows={4}
            value={d.holidaysText}
            onChange={(v) => edit((x) => void (x.holidaysText = v))}
            error={firstError('calendar/holidays')}
          />
        </section>

        <section className="panel" aria-labelledby="sla-t-title">
          <h2 id="sla-t-title">SLA targets</h2>
          <div className="sla-targets">
            {TARGET_ROWS.map((row) => (
              <fieldset key={row.key} className="sla-row">
                <legend>{row.text}</legend>
                {(['acknowledge', 'resolve'] as const).map((clock) => (
                  <div className="sla-target" key={clock}>
                    <TextField
                      id={`cs-${row.key}-${clock}-amount`}
                      label={`${label(clock)} within`}
                      type="number"
                      inputMode="numeric"
                      value={String(target(row.key)?.[clock]?.amount ?? '')}
                      onChange={(v) => setTarget(row.key, clock, 'amount', v)}
                      error={f[`${targetPath(row.key)}/${clock}`] ?? f[`${targetPath(row.key)}/${clock}/amount`]}
                    />
                    <SelectField
                      id={`cs-${row.key}-${clock}-unit`}
                      label={`${label(clock)} unit`}
                      value={target(row.key)?.[clock]?.unit ?? 'business_days'}
                      onChange={(v) => setTarget(row.key, clock, 'unit', v)}
                      options={UNITS}
                      error={f[`${targetPath(row.key)}/${clock}/unit`]}
                    />
                  </div>
                ))}
              </fieldset>
            ))}
          </div>
          <div className="grid2">
            <TextField
              id="cs-warn"
              label="Warn the assignee at (% of the time used)"
              type="number"
              value={String(d.sla.warn_at_percent)}
              onChange={(v) => edit((x) => void (x.sla.warn_at_percent = Number(v)))}
              error={f['sla/warn_at_percent']}
            />
            <TextField
              id="cs-noreply"
              label="Close for no reply after (days)"
              hint="Days after the response without a reply before a case may be closed as “no reply”."
              type="number"
              value={String(d.closure.no_reply_days)}
              onChange={(v) => edit((x) => void (x.closure.no_reply_days = Number(v)))}
              error={f['closure/no_reply_days']}
            />
          </div>
          <CheckboxField
            id="cs-reopen"
            label="A reply from the complainant on a closed case reopens it"
            hint="Otherwise the case stays closed and its handler is told, and may reopen it."
            checked={d.closure.reopen_on_reply ?? false}
            onChange={(v) => edit((x) => void (x.closure.reopen_on_reply = v))}
            error={f['closure/reopen_on_reply']}
          />
        </section>

        <section className="panel" aria-labelledby="mail-title">
          <h2 id="mail-title">Mail</h2>
          <div className="grid2">
            <TextField
              id="cs-from"
              label="Sender address"
              hint="Empty: no mail is sent."
              type="email"
              value={d.mail_from}
              onChange={(v) => edit((x) => void (x.mail_from = v))}
              error={f.mail_from}
            />
            <TextField id="cs-from-name" label="Sender name" value={d.mail_from_name} onChange={(v) => edit((x) => void (x.mail_from_name = v))} error={f.mail_from_name} />
          </div>
          <TextField
            id="cs-base"
            label="Public base URL"
            hint="Start of the status and rating links in mails, e.g. https://complaints.example.org"
            value={d.public_base_url}
            onChange={(v) => edit((x) => void (x.public_base_url = v))}
            error={f.public_base_url}
          />
          <p className="hint">
            Placeholders in templates: {'{{reference}}'}, {'{{status_link}}'}, {'{{rating_link}}'}, {'{{name}}'}, {'{{summary}}'}, {'{{decision}}'},{' '}
            {'{{organisation}}'}.
          </p>
          {TEMPLATES.map((t) => {
            const tpl: MailTemplate = d.templates[t.key];
            return (
              <fieldset key={t.key} className="template">
                <legend>{t.text} mail</legend>
                <TextField
                  id={`cs-${t.key}-subject`}
                  label={`${t.text} subject`}
                  value={tpl.subject}
                  onChange={(v) => edit((x) => void (x.templates[t.key].subject = v))}
                  error={f[`templates/${t.key}/subject`]}
                />
                <TextArea
                  id={`cs-${t.key}-body`}
                  label={`${t.text} body`}
                  rows={6}
                  value={tpl.body}
                  onChange={(v) => edit((x) => void (x.templates[t.key].body = v))}
                  error={f[`templates/${t.key}/body`] ?? f[`templates/${t.key}`]}
                />
              </fieldset>
            );
          })}
        </section>

        <section className="panel" aria-labelledby="canned-title">
          <h2 id="canned-title">Canned responses</h2>
          <p className="hint">
            Texts handlers insert into a message to the complainant and edit before sending. Placeholders: {'{{reference}}'}, {'{{name}}'}, {'{{summary}}'},{' '}
            {'{{decision}}'}, {'{{organisation}}'}.
          </p>
          {(d.canned_responses ?? []).map((c, i) => (
            <fieldset key={i} className="canned">
              <legend>{c.name || `Canned response ${i + 1}`}</legend>
              <TextField id={`cs-canned-${i}-name`} label="Name" value={c.name} onChange={(v) => edit((x) => void ((x.canned_responses ?? [])[i].name = v))} error={f[`canned_responses/${i}/name`]} />
              <TextField id={`cs-canned-${i}-subject`} label="Subject" value={c.subject} onChange={(v) => edit((x) => void ((x.canned_responses ?? [])[i].subject = v))} error={f[`canned_responses/${i}/subject`]} />
              <TextArea id={`cs-canned-${i}-body`} label="Text" rows={4} value={c.body} onChange={(v) => edit((x) => void ((x.canned_responses ?? [])[i].body = v))} error={f[`canned_responses/${i}/body`]} />
              <button type="button" className="btn btn-small btn-quiet" onClick={() => edit((x) => void (x.canned_responses = (x.canned_responses ?? []).filter((_, j) => j !== i)))}>
                Remove {c.name || `canned response ${i + 1}`}
              </button>
            </fieldset>
          ))}
          <button type="button" className="btn btn-small" onClick={() => edit((x) => void (x.canned_responses = [...(x.canned_responses ?? []), { name: '', subject: '', body: '' }]))}>
            Add a canned response
          </button>
        </section>
      </fieldset>
      {canEdit ? (
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Save settings
          </button>
        </div>
      ) : (
        <p className="muted">Only administrators can change these settings.</p>
      )}
    </form>
  );
}

// ---- Category taxonomy ---------------------------------------------------------

function depth(c: ComplaintCategory): number {
  return c.path.split(' / ').length - 1;
}

function NameForm(props: { id: string; label: string; initial?: string; submit: string; onSubmit: (name: string) => Promise<void>; onCancel?: () => void }) {
  const [name, setName] = useState(props.initial ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await props.onSubmit(name);
      setName('');
    } catch (err) {
      const fe = toFormErrors(err);
      if (!fe.fields.name && fe.detail && (err as { status?: number }).status === 409) fe.fields.name = fe.detail;
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="inline-form cat-form" onSubmit={submit} noValidate aria-label={props.label}>
      <FormAlert errors={errors} shown={['name']} />
      <TextField id={props.id} label={props.label} value={name} onChange={setName} required error={errors.fields.name} />
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
        {props.submit}
      </button>
      {props.onCancel ? (
        <button type="button" className="btn btn-small" onClick={props.onCancel}>
          Cancel
        </button>
      ) : null}
    </form>
  );
}

function Categories() {
  const canWrite = useCan('quality');
  const [tick, setTick] = useState(0);
  const { items, error } = useCategories(tick);
  const [open, setOpen] = useState<{ id: number; mode: 'child' | 'rename' } | null>(null);
  const [notice, setNotice] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const done = (text: string) => {
    setOpen(null);
    setNotice(text);
    setTick((t) => t + 1);
  };
  const setActive = async (c: ComplaintCategory, active: boolean) => {
    setErrors(NO_ERRORS);
    try {
      await api.patch<ComplaintCategory>(`/api/v1/complaint-categories/${c.id}`, { active });
      done(`${c.name} ${active ? 'activated' : 'deactivated'}.`);
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  };
  return (
    <section className="panel" aria-labelledby="cat-title">
      <h2 id="cat-title">Categories</h2>
      <p className="muted small">Inactive categories stay on the complaints that have them but cannot be chosen any more.</p>
      <LoadError error={error} />
      <Notice text={notice} onDone={() => setNotice('')} />
      <FormAlert errors={errors} />
      {items.length === 0 ? <p className="muted">No categories yet.</p> : null}
      <ul className="cat-tree" aria-labelledby="cat-title">
        {items.map((c) => (
          <li key={c.id} className={`cat-item cat-depth-${Math.min(depth(c), 5)}${c.active ? '' : ' cat-inactive'}`}>
            <div className="cat-line">
              <span className="cat-name">{c.name}</span>
              {!c.active ? <span className="badge badge-disabled">Inactive</span> : null}
              {canWrite ? (
                <span className="cat-actions">
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={`Add child under ${c.path}`}
                    aria-expanded={open?.id === c.id && open.mode === 'child'}
                    onClick={() => setOpen({ id: c.id, mode: 'child' })}
                  >
                    Add child
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={`Rename ${c.path}`}
                    aria-expanded={open?.id === c.id && open.mode === 'rename'}
                    onClick={() => setOpen({ id: c.id, mode: 'rename' })}
                  >
                    Rename
                  </button>
                  <button type="button" className="btn btn-small btn-quiet" aria-label={`${c.active ? 'Deactivate' : 'Activate'} ${c.path}`} onClick={() => void setActive(c, !c.active)}>
                    {c.active ? 'Deactivate' : 'Activate'}
                  </button>
                </span>
              ) : null}
            </div>
            {open?.id === c.id && open.mode === 'child' ? (
              <NameForm
                id={`cat-${c.id}-child`}
                label={`New category under ${c.name}`}
                submit="Add"
                onCancel={() => setOpen(null)}
                onSubmit={async (name) => {
                  await api.post<ComplaintCategory>('/api/v1/complaint-categories', { name, parent_id: c.id });
                  done(`${name} added under ${c.name}.`);
                }}
              />
            ) : null}
            {open?.id === c.id && open.mode === 'rename' ? (
              <NameForm
                id={`cat-${c.id}-rename`}
                label={`New name for ${c.name}`}
                initial={c.name}
                submit="Rename"
                onCancel={() => setOpen(null)}
                onSubmit={async (name) => {
                  await api.patch<ComplaintCategory>(`/api/v1/complaint-categories/${c.id}`, { name });
                  done(`Renamed to ${name}.`);
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <div className="subform">
          <NameForm
            id="cat-new-top"
            label="New top-level category"
            submit="Add category"
            onSubmit={async (name) => {
              await api.post<ComplaintCategory>('/api/v1/complaint-categories', { name });
              done(`${name} added.`);
            }}
          />
        </div>
      ) : null}
    </section>
  );
}

export function ComplaintSettingsPage() {
  const canEdit = useCan('admin');
  const { data, error, loading } = useApi<ComplaintSettings>('/api/v1/complaint-settings');
  const [current, setCurrent] = useState<ComplaintSettings | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (data) setCurrent(data);
  }, [data]);
  return (
    <>
      <h1>Complaint settings</h1>
      <Notice text={notice} onDone={() => setNotice('')} />
      <LoadError error={error} />
      {loading && !current ? <Loading /> : null}
      {current ? (
        <SettingsForm
          key={version}
          initial={current}
          canEdit={canEdit}
          onSaved={(s) => {
            setCurrent(s);
            setVersion((v) => v + 1);
            setNotice('Settings saved.');
          }}
        />
      ) : null}
      <Categories />
    </>
  );
}
