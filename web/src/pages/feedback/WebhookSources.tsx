// The incoming-webhook sources of social mentions, for admins: each source's
// URL, when its secret was made or rotated, its deliveries; making or
// rotating a secret shows it once (it cannot be read again), with how to sign.
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Empty, FormAlert, LoadError } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { fmtDateTime } from '../../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../../hooks';
import type { WebhookSource } from './feedbackTypes';

export function WebhookSources() {
  const [refresh, setRefresh] = useState(0);
  const { data, error } = useApi<{ items: WebhookSource[] }>('/api/v1/feedback/webhooks', refresh);
  const [name, setName] = useState('');
  const [shown, setShown] = useState<WebhookSource | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  async function makeSecret(source: string) {
    setErrors(NO_ERRORS);
    try {
      setShown(await api.post<WebhookSource>(`/api/v1/feedback/webhooks/${encodeURIComponent(source)}/secret`));
      setRefresh((n) => n + 1);
    } catch (e) {
      setErrors(toFormErrors(e));
    }
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    void makeSecret(name.trim());
  }

  return (
    <div className="split">
      <div>
        <LoadError error={error} />
        {shown?.secret ? (
          <div className="alert alert-ok" role="status">
            <p className="alert-title">Secret of {shown.name}, shown this once:</p>
            <p>
              <code className="mono secret-once">{shown.secret}</code>
            </p>
            <p className="small">
              Sign each delivery to <code>{shown.url}</code> with the header <code>X-Hearken-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of
              &quot;t.body&quot;&gt;</code> and give each a unique <code>X-Hearken-Delivery</code> id.
              {shown.previous_valid_until ? ` The previous secret is accepted until ${fmtDateTime(shown.previous_valid_until)}.` : ''}
            </p>
          </div>
        ) : null}
        {data ? (
          data.items.length === 0 ? (
            <Empty>No webhook sources yet.</Empty>
          ) : (
            <div className="table-wrap" role="region" aria-label="Webhook sources" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col">URL</th>
                    <th scope="col">Secret made</th>
                    <th scope="col">Deliveries</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((s) => (
                    <tr key={s.name}>
                      <td>{s.name}</td>
                      <td className="mono small">{s.url}</td>
                      <td>{fmtDateTime(s.rotated_at ?? s.created_at)}</td>
                      <td>
                        {s.deliveries}
                        {s.last_delivery_at ? <span className="muted small"> (last {fmtDateTime(s.last_delivery_at)})</span> : null}
                      </td>
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => void makeSecret(s.name)}>
                          Rotate secret<span className="visually-hidden"> of {s.name}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : null}
      </div>
      <form className="form card" onSubmit={submit} noValidate aria-label="New webhook source">
        <h2>New webhook source</h2>
        <FormAlert errors={errors} shown={['name']} />
        <TextField id="fb-hook-name" label="Source name" value={name} onChange={setName} hint="Lower-case letters, digits, - and _, e.g. brandwatch." error={errors.fields.name} />
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            Make its secret
          </button>
        </div>
      </form>
    </div>
  );
}
