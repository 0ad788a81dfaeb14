// The table of complaints the queues and a customer's Complaints tab show:
// reference (linked), received date, summary with its category, state,
// severity, assignee and the next due time. It scrolls inside its own frame
// (never the page) when the screen is narrower than the table. Given a
// selection, a first column of checkboxes picks cases for bulk actions.
import { Link } from 'react-router-dom';
import { fmtDate } from '../format';
import type { Complaint, User } from '../types';
import { Badge } from './Badge';
import { DueCell, severityLabel, userName } from './ComplaintBits';

export interface Selection {
  ids: Set<number>;
  toggle: (id: number) => void;
  /** Selects every row shown, or clears them when all are selected. */
  toggleAll: () => void;
}

/** `current`: the row the keyboard shortcuts point at (components/ListShortcuts.tsx), or -1. */
export function ComplaintTable({ items, staff, busy, caption = 'Complaints', current = -1, selection }: { items: Complaint[]; staff: User[]; busy?: boolean; caption?: string; current?: number; selection?: Selection }) {
  const allSelected = !!selection && items.length > 0 && items.every((c) => selection.ids.has(c.id));
  return (
    <div className="table-wrap" aria-busy={busy} role="region" aria-label={caption} tabIndex={0}>
      <table className="table complaints-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="select-cell">
                <input type="checkbox" aria-label="Select every complaint on this page" checked={allSelected} onChange={selection.toggleAll} />
              </th>
            ) : null}
            <th scope="col">Reference</th>
            <th scope="col">Received</th>
            <th scope="col">Summary</th>
            <th scope="col">State</th>
            <th scope="col">Severity</th>
            <th scope="col">Assignee</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c, i) => (
            <tr key={c.id} data-row={i} aria-current={i === current ? 'true' : undefined} aria-selected={selection ? selection.ids.has(c.id) : undefined}>
              {selection ? (
                <td className="select-cell">
                  <input type="checkbox" aria-label={`Select ${c.reference}`} checked={selection.ids.has(c.id)} onChange={() => selection.toggle(c.id)} />
                </td>
              ) : null}
              <td className="nowrap">
                <Link to={`/complaints/${c.id}`}>{c.reference}</Link>
              </td>
              <td className="nowrap">{fmtDate(c.received_at)}</td>
              <td className="summary-cell">
                {c.summary}
                {c.category_path ? <span className="cell-sub">{c.category_path}</span> : null}
              </td>
              <td>
                <Badge value={c.state} />
              </td>
              <td className="nowrap">{severityLabel(c.severity)}</td>
              <td>{c.assignee_id ? userName(staff, c.assignee_id) : <span className="muted">Unassigned</span>}</td>
              <td>
                <DueCell complaint={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
