// User administration (admin only): create, enable/disable, change role.
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { Badge } from '../components/Badge';
import { FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { enumOptions, SelectField, TextField } from '../components/Fields';
import { fmtDate } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import { ROLES, type Page, type Role, type User } from '../types';

function NewUserForm({ onCreated }: { onCreated: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('handler');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const u = await api.post<User>('/api/v1/users', { email, display_name: displayName, role, password });
      setEmail('');
      setDisplayName('');
      setPassword('');
      onCreated(u);
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const f = errors.fields;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="user-form-title">
      <h2 id="user-form-title">New user</h2>
      <FormAlert errors={errors} shown={['email', 'display_name', 'role', 'password']} />
      <div className="grid2">
        <TextField id="user-email" label="E-mail" type="email" autoComplete="off" value={email} onChange={setEmail} required error={f.email} />
        <TextField id="user-name" label="Display name" value={displayName} onChange={setDisplayName} error={f.display_name} />
        <SelectField id="user-role" label="Role" value={role} onChange={(v) => setRole(v as Role)} options={enumOptions(ROLES)} error={f.role} />
        <TextField id="user-password" label="Initial password" type="password" autoComplete="new-password" hint="12 characters or more." value={password} onChange={setPassword} required error={f.password} />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Create user
        </button>
      </div>
    </form>
  );
}

function UserRow({ u, self, onChanged, onError }: { u: User; self: boolean; onChanged: (msg: string) => void; onError: (e: unknown) => void }) {
  const [role, setRole] = useState<Role>(u.role);
  const [busy, setBusy] = useState(false);
  async function patch(body: Partial<User>, msg: string) {
    setBusy(true);
    try {
      await api.patch<User>(`/api/v1/users/${u.id}`, body);
      onChanged(msg);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr>
      <td>
        {u.display_name || '—'}
        {self ? <span className="muted"> (you)</span> : null}
      </td>
      <td>{u.email}</td>
      <td>
        <div className="inline-form">
          <label className="visually-hidden" htmlFor={`role-${u.id}`}>
            Role of {u.email}
          </label>
          <select id={`role-${u.id}`} value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={self}>
            {enumOptions(ROLES).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          {role !== u.role ? (
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => patch({ role }, `Role of ${u.email} changed.`)}>
              Save role
            </button>
          ) : null}
        </div>
      </td>
      <td>
        <Badge value={u.enabled ? 'enabled' : 'disabled'} />
      </td>
      <td className="nowrap">{fmtDate(u.created_at)}</td>
      <td>
        {self ? null : (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => patch({ enabled: !u.enabled }, `${u.email} ${u.enabled ? 'disabled' : 'enabled'}.`)}
          >
            {u.enabled ? 'Disable' : 'Enable'}
            <span className="visually-hidden"> {u.email}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

function SetPasswordForm({ users, onDone }: { users: User[]; onDone: (msg: string) => void }) {
  const [userId, setUserId] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    if (!userId) {
      setErrors({ detail: '', fields: { user: 'choose a user' } });
      return;
    }
    setBusy(true);
    try {
      const u = await api.patch<User>(`/api/v1/users/${userId}`, { password });
      setPassword('');
      onDone(`Password of ${u.email} set.`);
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="panel form narrow" onSubmit={submit} noValidate aria-labelledby="pw-form-title">
      <h2 id="pw-form-title">Set a password</h2>
      <FormAlert errors={errors} shown={['user', 'password']} />
      <SelectField
        id="pw-user"
        label="User"
        value={userId}
        onChange={setUserId}
        empty="— choose —"
        options={users.map((u) => ({ value: String(u.id), label: u.display_name ? `${u.display_name} (${u.email})` : u.email }))}
        error={errors.fields.user}
      />
      <TextField id="pw-password" label="New password" type="password" autoComplete="new-password" hint="12 characters or more." value={password} onChange={setPassword} required error={errors.fields.password} />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy}>
          Set password
        </button>
      </div>
    </form>
  );
}

export function UsersPage() {
  const { user } = useAuth();
  const { data, error, loading, reload } = useApi<Page<User>>('/api/v1/users?limit=100');
  const [notice, setNotice] = useState('');
  const [rowErrors, setRowErrors] = useState<FormErrors>(NO_ERRORS);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
        {!creating ? (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New user
          </button>
        ) : null}
      </div>
      <Notice text={notice} onDone={() => setNotice('')} />
      <FormAlert errors={rowErrors} />
      {creating ? (
        <NewUserForm
          onCreated={(u) => {
            setCreating(false);
            setNotice(`User ${u.email} created.`);
            reload();
          }}
        />
      ) : null}
      <LoadError error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((u) => (
                <UserRow
                  key={`${u.id}-${u.role}-${u.enabled}`}
                  u={u}
                  self={u.id === user?.id}
                  onChanged={(m) => {
                    setRowErrors(NO_ERRORS);
                    setNotice(m);
                    reload();
                  }}
                  onError={(e) => setRowErrors(toFormErrors(e))}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data ? (
        <SetPasswordForm
          users={data.items}
          onDone={(m) => {
            setRowErrors(NO_ERRORS);
            setNotice(m);
          }}
        />
      ) : null}
    </>
  );
}
