// Previous / next paging with the total shown; a capped total (the server
// stopped counting) is shown as "1,000+". Several pagers on one page each get
// their own `label` (the navigation landmark's name) so that they stay apart.
export function Pager(props: {
  total: number;
  limit: number;
  offset: number;
  capped?: boolean;
  onOffset: (o: number) => void;
  /** The landmark's accessible name; "Pages" by default. */
  label?: string;
  /** A word before the range, e.g. "Rows" → "Rows 1–25 of 1,000". */
  unit?: string;
}) {
  const { total, limit, offset, capped, unit } = props;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  const n = (x: number) => x.toLocaleString('en');
  return (
    <nav className="pager" aria-label={props.label ?? 'Pages'}>
      <span className="pager-info" aria-live="polite">
        {unit ? `${unit} ` : ''}
        {n(from)}–{n(to)} of {capped ? `${n(total)}+` : n(total)}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={offset <= 0}
        onClick={() => props.onOffset(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={!capped && offset + limit >= total}
        onClick={() => props.onOffset(offset + limit)}
      >
        Next
      </button>
    </nav>
  );
}
