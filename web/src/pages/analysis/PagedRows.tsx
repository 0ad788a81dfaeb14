// Client-side paging of a long table of the analysis (and of the chart drawn
// from it) with Previous / Next and "Rows 1–25 of 1,000", so that a thousand
// categories or weeks keep the page short: PAGE_ROWS groups at a time, or
// PERIOD_PAGE_ROWS periods (a year of months). The page goes back to the
// first when the rows change.
import { useMemo, useState, type ReactNode } from 'react';
import { Pager } from '../../components/Pager';

export const PAGE_ROWS = 25;
export const PERIOD_PAGE_ROWS = 12;

export interface PagedRows<T> {
  /** The rows of the current page. */
  shown: T[];
  /** The position of the first shown row in all rows. */
  offset: number;
  /** The pager, or null when every row fits on one page. */
  pager: ReactNode;
}

/**
 * Pages `rows`, which keep their identity from one render to the next while
 * they are the same (a new array starts again at the first page); `label`
 * names the pager (each pager of a page needs its own).
 */
export function usePagedRows<T>(rows: T[], label: string, size = PAGE_ROWS): PagedRows<T> {
  const [state, setState] = useState<{ rows: T[]; offset: number }>({ rows, offset: 0 });
  const offset = state.rows === rows && state.offset < rows.length ? state.offset : 0;
  const shown = useMemo(() => rows.slice(offset, offset + size), [rows, offset, size]);
  const pager =
    rows.length > size ? (
      <Pager total={rows.length} limit={size} offset={offset} unit="Rows" label={label} onOffset={(o) => setState({ rows, offset: o })} />
    ) : null;
  return { shown, offset, pager };
}
