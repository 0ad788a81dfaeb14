// The numbers behind each chart of the analysis page as one compact table:
// a caption for screen readers, one header cell per column (numbers right
// aligned), the first cell of each row as its row header, in a frame that
// scrolls sideways on a narrow screen.
import type { ReactNode } from 'react';

export interface Column<T> {
  title: string;
  /** A number column: right aligned. */
  num?: boolean;
  cell: (row: T, index: number) => ReactNode;
}

export function DataTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
  /** A class for a row (e.g. "ooc" for a period out of control). */
  rowClass?: (row: T) => string | undefined;
  /** A class for the row header cells (e.g. "period", which never wraps). */
  headerClass?: string;
}) {
  const { caption, columns, rows, rowKey, rowClass, headerClass } = props;
  const [first, ...rest] = columns;
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="table compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.title} scope="col" className={c.num ? 'num' : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)} className={rowClass?.(row)}>
              <th scope="row" className={headerClass}>
                {first.cell(row, i)}
              </th>
              {rest.map((c) => (
                <td key={c.title} className={c.num ? 'num' : undefined}>
                  {c.cell(row, i)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
