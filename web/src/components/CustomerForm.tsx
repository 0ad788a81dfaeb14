// Create / edit form for a customer.
import { useState, type FormEvent } from 'react';
import { toFormErrors, NO_ERRORS, type FormErrors } from '../hooks';
import { CUSTOMER_KINDS, type Customer, type CustomerKind, type Segment } from '../types';
import { CheckboxField, enumOptions, SelectField, TextField } from './Fields';
import { FormAlert } from './Feedback';

export interface CustomerInput {
  kind: CustomerKind;
  name: string;
  email: string;
  phone: string;
  segment_id: number | null;
  site: string;
  tags: string[];
  consent_survey: boolean;
  consent_marketing: boolean;
  external_ref: string;
}

const SHOWN = ['kind', 'name', 'email', 'phone', 'segment_id', 'site', 'tags', 'consent_survey', 'consent_marketing', 'external_ref'];

export function CustomerForm(props: {
  title: string;
  initial?: Customer;
  segments: Segment[];
  submitLabel: string;
  onSubmit: (input: CustomerInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const c = props.initial;
  const [kind, setKind] = useState<CustomerKind>(c?.kind ?? 'organisation');
  const [name, setName] = useState(c?.name ?? '');
  const [email, setEmail] = useState(c?.email ?? '');
  const [phone, setPhone] = useState(c?.phone ?? '');
  const [segment, setSegment] = useState(c?.segment_id ? String(c.segment_id) : '');
  const [site, setSite] = useState(c?.site ?? '');
  const [tags, setTags] = useState((c?.tags ?? []).join(', '));
  const [survey, setSurvey] = useState(c?.consent_survey ?? false);
  const [marketing, setMarketing] = useState(c?.consent_marketing ?? false);
  const [externalRef, setExternalRef] = useState(c?.external_ref ?? '');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await props.onSubmit({
        kind,
        name,
        email: email.trim(),
        phone,
        segment_id: segment ? Number(segment) : null,
        site,
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        consent_survey: survey,
        consent_marketing: marketing,
        external_ref: externalRef,
      });
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  const tagError = f.tags ?? Object.entries(f).find(([k]) => k.startsWith('tags/'))?.[1];
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="customer-form-title">
      <h2 id="customer-form-title">{props.title}</h2>
      <FormAlert errors={errors} shown={[...SHOWN, ...Object.keys(f).filter((k) => k.startsWith('tags/'))]} />
      <div className="grid2">
        <SelectField id="cust-kind" label="Kind" value={kind} onChange={(v) => setKind(v as CustomerKind)} options={enumOptions(CUSTOMER_KINDS)} error={f.kind} />
        <TextField id="cust-name" label="Name" value={name} onChange={setName} required error={f.name} />
        <TextField id="cust-email" label="E-mail" type="email" inputMode="email" autoComplete="off" value={email} onChange={setEmail} error={f.email} />
        <TextField id="cust-phone" label="Phone" type="tel" value={phone} onChange={setPhone} error={f.phone} />
        <SelectField
          id="cust-segment"
          label="Segment"
          value={segment}
          onChange={setSegment}
          empty="— none —"
          options={props.segments.map((s) => ({ value: String(s.id), label: s.name }))}
          error={f.segment_id}
        />
        <TextField id="cust-site" label="Site" value={site} onChange={setSite} error={f.site} />
        <TextField id="cust-tags" label="Tags" hint="Separate tags with commas." value={tags} onChange={setTags} error={tagError} />
        <TextField id="cust-extref" label="External reference" value={externalRef} onChange={setExternalRef} error={f.external_ref} />
      </div>
      <fieldset className="checks">
        <legend>Consent</legend>
        <CheckboxField id="cust-consent-survey" label="May be contacted for surveys" checked={survey} onChange={setSurvey} error={f.consent_survey} />
        <CheckboxField id="cust-consent-marketing" label="May receive marketing" checked={marketing} onChange={setMarketing} error={f.consent_marketing} />
      </fieldset>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
