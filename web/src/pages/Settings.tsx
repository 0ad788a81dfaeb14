// Organisation settings (admin): name and time zone, and the contact rules
// of survey invitations (days between invitations, quiet hours).
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { TextField } from '../components/Fields';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import type { ContactRules } from '../surveyTypes';
import type { Settings } from '../types';

function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}

function ContactRulesForm() {
  const { data, error } = useApi<ContactRules>('/api/v1/settings/contact-rules');
  const [days, setDays] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [filled, setFilled] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (data && !filled) {
      setDays(String(data.min_days_between));
      setStart(data.quiet_start);
      setEnd(data.quiet_end);
      setFilled(true);
    }
  }, [data, filled]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    try {
      await api.put<ContactRules>('/api/v1/settings/contact-rules', {
        min_days_between: Number(days),
        quiet_start: start,
        quiet_end: end,
      });
      setNotice('Contact rules saved.');
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }
  if (error) return <LoadError error={error} />;
  if (!filled || !data) return null;
  return (
    <form className="panel form narrow" onSubmit={submit} noValidate aria-labelledby="contact-rules-title">
      <h2 id="contact-rules-title">Survey contact rules</h2>
      <Notice text={notice} onDone={() => setNotice('')} />
      <FormAlert errors={errors} shown={['min_days_between', 'quiet_start', 'quiet_end']} />
      <TextField
        id="rules-days"
        label="Days between invitations"
        hint="A customer is invited to at most one survey in this many days (0: no limit)."
        type="number"
        value={days}
        onChange={setDays}
        error={errors.fields.min_days_between}
      />
      <TextField
        id="rules-quiet-start"
        label="Quiet hours from"
        hint={`No invitation mail is sent in the quiet hours (${data.time_zone} time); the same time twice: none.`}
        type="time"
        value={start}
        onChange={setStart}
        error={errors.fields.quiet_start}
      />
      <TextField id="rules-quiet-end" label="Quiet hours until" type="time" value={end} onChange={setEnd} error={errors.fields.quiet_end} />
      <div className="actions">
        <button type="submit" className="btn btn-primary">
          Save contact rules
        </button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  const { reloadSettings } = useAuth();
  const { data, error, loading } = useApi<Settings>('/api/v1/settings');
  const [name, setName] = useState('');
  const [tz, setTz] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  // The form is filled once, from the first answer, and shown only then: a
  // late answer must never overwrite what the admin has already typed (the
  // cause of the header that "never showed the new name": the name typed
  // before the settings had loaded was replaced by the stored one, and that
  // was saved).
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    if (data && !filled) {
      setName(data.name);
      setTz(data.time_zone);
      setFilled(true);
    }
  }, [data, filled]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved = await api.put<Settings>('/api/v1/settings', { name, time_zone: tz });
      await reloadSettings(saved);
      setNotice('Settings saved.');
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>Settings</h1>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      <Notice text={notice} onDone={() => setNotice('')} />
      {filled ? (
        <form className="panel form narrow" onSubmit={submit} noValidate aria-labelledby="settings-title">
          <h2 id="settings-title">Organisation</h2>
          <FormAlert errors={errors} shown={['name', 'time_zone']} />
          <TextField id="set-name" label="Organisation name" value={name} onChange={setName} required error={errors.fields.name} />
          <TextField id="set-tz" label="Time zone" hint="IANA name, for example Europe/Berlin." list="tz-list" value={tz} onChange={setTz} required error={errors.fields.time_zone} />
          <datalist id="tz-list">
            {zones().map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Save settings
            </button>
          </div>
        </form>
      ) : null}
      <ContactRulesForm />
    </>
  );
}
