// Segments with their needs and expectations (Kano class, importance).
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useCan } from '../auth';
import { ConfirmButton } from '../components/ConfirmButton';
import { Empty, FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { enumOptions, SelectField, TextArea, TextField } from '../components/Fields';
import { label } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import { NEED_CLASSES, type Need, type NeedClass, type Page, type Segment } from '../types';

function SegmentForm(props: { initial?: Segment; onSaved: (s: Segment) => void; onCancel: () => void }) {
  const s = props.initial;
  const [name, setName] = useState(s?.name ?? '');
  const [description, setDescription] = useState(s?.description ?? '');
  const [needs, setNeeds] = useState<Need[]>(s?.needs ?? []);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  function setNeed(i: number, patch: Partial<Need>) {
    setNeeds((list) => list.map((n, k) => (k === i ? { ...n, ...patch } : n)));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body = { name, description, needs };
      const saved = s
        ? await api.patch<Segment>(`/api/v1/segments/${s.id}`, body)
        : await api.post<Segment>('/api/v1/segments', body);
      props.onSaved(saved);
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  const needField = (i: number, key: string) => f[`needs/${i}/${key}`] ?? f[`needs[${i}].${key}`] ?? f[`/needs/${i}/${key}`];
  const shown = ['name', 'description', 'needs', ...Object.keys(f).filter((k) => /needs.?\d/.test(k))];
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="segment-form-title">
      <h2 id="segment-form-title">{s ? `Edit segment “${s.name}”` : 'New segment'}</h2>
      <FormAlert errors={errors} shown={shown} />
      <TextField id="seg-name" label="Name" value={name} onChange={setName} required error={f.name} />
      <TextArea id="seg-description" label="Description" value={description} onChange={setDescription} rows={2} error={f.description} />
      <fieldset className="needs">
        <legend>Needs and expectations</legend>
        {f.needs ? <p className="field-error">{f.needs}</p> : null}
        {needs.length === 0 ? <p className="muted small">No needs yet.</p> : null}
        {needs.map((n, i) => (
          <div className="need-row" key={i} role="group" aria-label={`Need ${i + 1}`}>
            <TextField
              id={`need-${i}-description`}
              label={`Need ${i + 1}`}
              value={n.description}
              onChange={(v) => setNeed(i, { description: v })}
              required
              error={needField(i, 'description')}
              className="need-desc"
            />
            <SelectField
              id={`need-${i}-class`}
              label="Class"
              value={n.class}
              onChange={(v) => setNeed(i, { class: v as NeedClass })}
              options={enumOptions(NEED_CLASSES)}
              error={needField(i, 'class')}
            />
            <SelectField
              id={`need-${i}-importance`}
              label="Importance"
              value={String(n.importance)}
              onChange={(v) => setNeed(i, { importance: Number(v) })}
              options={[1, 2, 3, 4, 5].map((k) => ({ value: String(k), label: `${k}${k === 1 ? ' (low)' : k === 5 ? ' (critical)' : ''}` }))}
              error={needField(i, 'importance')}
            />
            <button
              type="button"
              className="btn btn-small btn-quiet need-remove"
              aria-label={`Remove need ${i + 1}`}
              onClick={() => setNeeds((list) => list.filter((_, k) => k !== i))}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => setNeeds((list) => [...list, { description: '', class: 'performance', importance: 3 }])}
        >
          Add need
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {s ? 'Save segment' : 'Create segment'}
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function SegmentsPage() {
  const canWrite = useCan('segments');
  const { data, error, loading, reload } = useApi<Page<Segment>>('/api/v1/segments?limit=100&sort=name');
  const [editing, setEditing] = useState<Segment | 'new' | null>(null);
  const [notice, setNotice] = useState('');
  const [rowErrors, setRowErrors] = useState<FormErrors>(NO_ERRORS);

  return (
    <>
      <div className="page-head">
        <h1>Segments</h1>
        {canWrite && editing === null ? (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            New segment
          </button>
        ) : null}
      </div>
      <Notice text={notice} onDone={() => setNotice('')} />
      <FormAlert errors={rowErrors} />
      {editing !== null ? (
        <SegmentForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null);
            setNotice(`Segment “${s.name}” saved.`);
            reload();
          }}
        />
      ) : null}
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <Empty>No segments yet.</Empty> : null}
      <div className="cards">
        {data?.items.map((s) => (
          <article key={s.id} className="card" aria-labelledby={`seg-${s.id}`}>
            <div className="card-head">
              <h2 id={`seg-${s.id}`}>{s.name}</h2>
              {canWrite ? (
                <div className="head-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                    Edit
                  </button>
                  <ConfirmButton
                    small
                    label="Delete"
                    question={`Delete segment “${s.name}”?`}
                    onConfirm={async () => {
                      setRowErrors(NO_ERRORS);
                      try {
                        await api.del(`/api/v1/segments/${s.id}`);
                        setNotice(`Segment “${s.name}” deleted.`);
                        reload();
                      } catch (e) {
                        setRowErrors(toFormErrors(e));
                      }
                    }}
                  />
                </div>
              ) : null}
            </div>
            {s.description ? <p className="pre">{s.description}</p> : null}
            {s.needs.length ? (
              <table className="table compact">
                <caption className="visually-hidden">Needs of {s.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Need or expectation</th>
                    <th scope="col">Class</th>
                    <th scope="col">Importance</th>
                  </tr>
                </thead>
                <tbody>
                  {s.needs.map((n, i) => (
                    <tr key={i}>
                      <td>{n.description}</td>
                      <td>
                        <span className={`kano kano-${n.class}`}>{label(n.class)}</span>
                      </td>
                      <td>
                        <span className="importance" aria-label={`${n.importance} of 5`}>
                          {n.importance}/5
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted small">No needs recorded.</p>
            )}
          </article>
        ))}
      </div>
    </>
  );
}
