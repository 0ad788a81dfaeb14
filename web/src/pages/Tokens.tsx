// The signed-in user's API tokens (for scripts and integrations).
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Badge } from '../components/Badge';
import { ConfirmButton } from '../components/ConfirmButton';
import { Empty, FormAlert, LoadError, Loading } from '../components/Feedback';
import { TextField } from '../components/Fields';
import { fmtDateTime } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import type { Page } from '../types';

interface ApiToken {
  id: number;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

export function TokensPage() {
  const { data, error, loading, reload } = useApi<Page<ApiToken>>('/api/v1/tokens');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await api.post<ApiToken & { token: string }>('/api/v1/tokens', { name });
      setShown({ name: created.name, token: created.token });
      setName('');
      reload();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        A token lets a script use the REST API as you, with your role. Send it as <span className="mono">Authorization: Bearer …</span>.
      </p>
      {shown ? (
        <div className="alert alert-ok" role="status">
          <p className="alert-title">Token “{shown.name}” created. Copy it now; it is not shown again.</p>
          <p>
            <code className="token">{shown.token}</code>
          </p>
        </div>
      ) : null}
      <form className="panel form narrow" onSubmit={submit} noValidate aria-labelledby="token-form-title">
        <h2 id="token-form-title">New token</h2>
        <FormAlert errors={errors} shown={['name']} />
        <TextField id="token-name" label="What it is for" value={name} onChange={setName} required error={errors.fields.name} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Create token
          </button>
        </div>
      </form>
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <Empty>No tokens yet.</Empty> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td className="nowrap">{fmtDateTime(t.created_at)}</td>
                  <td>{t.revoked_at ? <Badge value="revoked" /> : <Badge value="active" />}</td>
                  <td>
                    {t.revoked_at ? null : (
                      <ConfirmButton
                        small
                        label="Revoke"
                        question={`Revoke “${t.name}”?`}
                        onConfirm={async () => {
                          try {
                            await api.del(`/api/v1/tokens/${t.id}`);
                            reload();
                          } catch (e) {
                            setErrors(toFormErrors(e));
                          }
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
