// Communication log pieces: the record form and the list.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { actor, displayTimeZone, fmtDateTime, label, localInputToIso, nowLocalInput } from '../format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../hooks';
import { CHANNELS, DIRECTIONS, type Channel, type Communication, type Direction, type Id } from '../types';
import { Empty, FormAlert } from './Feedback';
import { enumOptions, SelectField, TextArea, TextField } from './Fields';

export function CommunicationForm({ customerId, onCreated }: { customerId: Id; onCreated: () => void }) {
  const [channel, setChannel] = useState<Channel>('email');
  const [direction, setDirection] = useState<Direction>('inbound');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [occurred, setOccurred] = useState(nowLocalInput());
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post<Communication>('/api/v1/communications', {
        customer_id: customerId,
        channel,
        direction,
        subject,
        body,
        occurred_at: occurred ? localInputToIso(occurred) : '',
      });
      setSubject('');
      setBody('');
      setOccurred(nowLocalInput());
      onCreated();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="comm-form-title">
      <h2 id="comm-form-title">Record a communication</h2>
      <FormAlert errors={errors} shown={['channel', 'direction', 'subject', 'body', 'occurred_at']} />
      <div className="grid2">
        <SelectField id="comm-channel" label="Channel" value={channel} onChange={(v) => setChannel(v as Channel)} options={enumOptions(CHANNELS)} error={f.channel} />
        <SelectField id="comm-direction" label="Direction" value={direction} onChange={(v) => setDirection(v as Direction)} options={enumOptions(DIRECTIONS)} error={f.direction} />
      </div>
      <TextField id="comm-subject" label="Subject" value={subject} onChange={setSubject} required error={f.subject} />
      <TextArea id="comm-body" label="Body" value={body} onChange={setBody} rows={4} error={f.body} />
      <TextField
        id="comm-occurred"
        label="Occurred at"
        type="datetime-local"
        hint={`Time in ${displayTimeZone()}.`}
        value={occurred}
        onChange={setOccurred}
        required
        error={f.occurred_at}
      />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Record communication
        </button>
      </div>
    </form>
  );
}

export function CommunicationList(props: { items: Communication[]; customerNames?: Map<Id, string> }) {
  if (props.items.length === 0) return <Empty>No communications recorded.</Empty>;
  return (
    <ul className="comm-list">
      {props.items.map((c) => (
        <li key={c.id} className="card comm">
          <div className="card-head">
            <h3>{c.subject}</h3>
            <span className={`dir dir-${c.direction}`}>
              {label(c.direction)} · {label(c.channel)}
            </span>
          </div>
          <p className="muted small">
            {fmtDateTime(c.occurred_at)} · recorded by {actor(c.recorded_by)}
            {props.customerNames ? (
              <>
                {' · '}
                <Link to={`/customers/${c.customer_id}`}>{props.customerNames.get(c.customer_id) ?? `Customer #${c.customer_id}`}</Link>
              </>
            ) : null}
          </p>
          {c.body ? <p className="pre">{c.body}</p> : null}
        </li>
      ))}
    </ul>
  );
}
