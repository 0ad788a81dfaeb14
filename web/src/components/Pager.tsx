// Previous / next paging with the total shown; a capped total (the server
// stopped counting) is shown as "1000+".
export function Pager(props: {
  total: number;
  limit: number;
  offset: number;
  capped?: boolean;
  onOffset: (o: number) => void;
}) {
  const { total, limit, offset, capped } = props;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="pager-info" aria-live="polite">
        {from}–{to} of {capped ? `${total}+` : total}
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
