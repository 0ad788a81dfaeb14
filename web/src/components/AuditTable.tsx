// Audit entries as a table with a readable old → new diff.
import { actor, fmtDateTime, label, showValue } from '../format';
import type { AuditEntry } from '../types';
import { Empty } from './Feedback';

const SKIP = new Set(['created_at', 'updated_at', 'password_hash', 'hash']);

function parse(v: unknown): unknown {
  if (typeof v === 'string') {
    if (v === '') return undefined;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v ?? undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Change {
  field: string;
  from?: string;
  to?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function text(v: unknown): string {
  if (typeof v === 'string' && ISO.test(v)) return fmtDateTime(v);
  return showValue(v);
}

/** One level of nesting is flattened: {review: {outcome}} → "review outcome". */
function flatten(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (isObject(x)) {
      for (const [k2, y] of Object.entries(x)) {
        if (SKIP.has(k2) || k2 === 'id' || k2.endsWith('_id') || k2 === 'hash') continue;
        out[`${k} ${k2}`] = y;
      }
    } else {
      out[k] = x;
    }
  }
  return out;
}

/** The fields that differ between old and new (all of new on create, all of old on delete). */
export function diff(oldRaw: unknown, newRaw: unknown): Change[] {
  const o = parse(oldRaw);
  const n = parse(newRaw);
  if (!isObject(o) && !isObject(n)) {
    if (o === undefined && n === undefined) return [];
    return [{ field: '', from: o === undefined ? undefined : text(o), to: n === undefined ? undefined : text(n) }];
  }
  const oo = isObject(o) ? flatten(o) : {};
  const nn = isObject(n) ? flatten(n) : {};
  const single = !isObject(o) || !isObject(n);
  const keys = Array.from(new Set([...Object.keys(oo), ...Object.keys(nn)])).filter(
    (k) => !SKIP.has(k) && !(single && k === 'id'),
  );
  const out: Change[] = [];
  for (const k of keys) {
    const a = k in oo ? JSON.stringify(oo[k]) : undefined;
    const b = k in nn ? JSON.stringify(nn[k]) : undefined;
    if (a === b) continue;
    const only = single ? (isObject(n) ? nn[k] : oo[k]) : undefined;
    if (single && (only === '' || only === null || only === false || (Array.isArray(only) && only.length === 0))) continue;
    out.push({
      field: k,
      from: isObject(o) && k in oo ? text(oo[k]) : undefined,
      to: isObject(n) && k in nn ? text(nn[k]) : undefined,
    });
  }
  return out;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const changes = diff(entry.old_value, entry.new_value);
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="diff">
      {changes.map((c, i) => (
        <li key={`${c.field}-${i}`}>
          {c.field ? <span className="diff-field">{label(c.field)}: </span> : null}
          {c.from !== undefined ? <del className="diff-old">{c.from}</del> : null}
          {c.from !== undefined && c.to !== undefined ? <span aria-label="changed to"> → </span> : null}
          {c.to !== undefined ? <ins className="diff-new">{c.to}</ins> : null}
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({ entries, caption }: { entries: AuditEntry[]; caption: string }) {
  if (entries.length === 0) return <Empty>No entries.</Empty>;
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="table audit">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td className="num">{e.seq}</td>
              <td className="nowrap">{fmtDateTime(e.at)}</td>
              <td title={e.actor}>{actor(e.actor)}</td>
              <td>
                <span className={`action action-${e.action}`}>{label(e.action)}</span>
              </td>
              <td className="nowrap">
                {label(e.entity_type)} #{e.entity_id}
              </td>
              <td>
                <Changes entry={e} />
                {e.reason ? <p className="muted small">Reason: {e.reason}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
