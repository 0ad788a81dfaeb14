// Saved views of the complaints list: pick one to open the list with its
// filters, save the filters shown now under a name (for yourself or shared
// with everyone), delete one of yours. A view is the list's query string
// without paging, so it opens on its first page.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import type { SavedView } from '../types';
import { FormAlert, Notice } from './Feedback';
import { CheckboxField, TextField } from './Fields';

/** The query a view keeps: every parameter shown but the page. */
export function viewQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams(params);
  kept.delete('offset');
  kept.sort();
  return kept.toString();
}

export function SavedViews({ params, path = '/complaints' }: { params: URLSearchParams; path?: string }) {
  const navigate = useNavigate();
  const [tick, setTick] = useState(0);
  const { data } = useApi<{ items: SavedView[] }>('/api/v1/saved-views?list=complaints', tick);
  const views = data?.items ?? [];
  const current = viewQuery(params);
  const active = views.find((v) => v.query === current);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');

  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    try {
      const view = await api.post<SavedView>('/api/v1/saved-views', { list: 'complaints', name: name.trim(), query: current, shared });
      setSaving(false);
      setName('');
      setShared(false);
      setNotice(`View “${view.name}” saved${view.shared ? ' and shared' : ''}.`);
      setTick((t) => t + 1);
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }
  const [confirming, setConfirming] = useState(false);
  async function remove(view: SavedView) {
    setConfirming(false);
    try {
      await api.del(`/api/v1/saved-views/${view.id}`);
      setNotice(`View “${view.name}” deleted.`);
      setTick((t) => t + 1);
    } catch (err) {
      setErrors(toFormErrors(err));
    }
  }

  const mine = views.filter((v) => v.mine);
  const others = views.filter((v) => !v.mine);
  return (
    <div className="saved-views no-print">
      <div className="field">
        <label htmlFor="saved-view">Saved view</label>
        <select id="saved-view" value={active ? String(active.id) : ''} onChange={(e) => {
          const view = views.find((v) => String(v.id) === e.target.value);
          if (view) navigate(`${path}?${view.query}`);
        }}>
          <option value="">{active ? 'Choose…' : 'None (current filters)'}</option>
          {mine.length ? (
            <optgroup label="Mine">
              {mine.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}{v.shared ? ' (shared)' : ''}
                </option>
              ))}
            </optgroup>
          ) : null}
          {others.length ? (
            <optgroup label="Shared by colleagues">
              {others.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} — {v.owner_name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="saved-view-actions">
        {!saving ? (
          <button type="button" className="btn btn-small" onClick={() => setSaving(true)}>
            Save view…
          </button>
        ) : null}
        {active?.mine && !confirming ? (
          <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
            Delete view
          </button>
        ) : null}
        {active?.mine && confirming ? (
          <span role="group" aria-label={`Delete the view ${active.name}?`}>
            <span className="small">Delete “{active.name}”? </span>
            <button type="button" className="btn btn-small btn-danger" onClick={() => void remove(active)}>
              Delete
            </button>{' '}
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : null}
      </div>
      <Notice text={notice} onDone={() => setNotice('')} />
      {saving ? (
        <form className="saved-view-form" onSubmit={save} aria-label="Save the current filters as a view">
          <FormAlert errors={errors} shown={['name', 'query']} />
          <TextField id="view-name" label="View name" value={name} onChange={setName} error={errors.fields.name} required />
          <CheckboxField id="view-shared" label="Share with all staff" checked={shared} onChange={setShared} />
          {errors.fields.query ? <p className="field-error">{errors.fields.query}</p> : null}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              Save view
            </button>
            <button type="button" className="btn" onClick={() => { setSaving(false); setErrors(NO_ERRORS); }}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <FormAlert errors={errors} />
      )}
    </div>
  );
}
