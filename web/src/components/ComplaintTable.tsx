// The table of complaints the queues and a customer's Complaints tab show:
// reference (linked), received date, summary with its category, state,
// severity, assignee and the next due time. It scrolls inside its own frame
// (never the page) when the screen is narrower than the table.
import { Link } from 'react-router-dom';
import { fmtDate } from '../format';
import type { Complaint, User } from '../types';
import { Badge } from './Badge';
import { DueCell, severityLabel, userName } from './ComplaintBits';

/** `current`: the row the keyboard shortcuts point at (components/ListShortcuts.tsx), or -1. */
export function ComplaintTable({ items, staff, busy, caption = 'Complaints', current = -1 }: { items: Complaint[]; staff: User[]; busy?: boolean; caption?: string; current?: number }) {
  return (
    <div className="table-wrap" aria-busy={busy} role="region" aria-label={caption} tabIndex={0}>
      <table className="table complaints-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
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
            <tr key={c.id} data-row={i} aria-current={i === current ? 'true' : undefined}>
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
