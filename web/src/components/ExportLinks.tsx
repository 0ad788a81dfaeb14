// "Export CSV" and "Export XLSX" for a list: downloads of what the list's
// filters select (GET <base>.csv / .xlsx with the same query), for every role
// that reads the list.
import { qs } from '../api';

export function ExportLinks({ base, query }: { base: string; query: Record<string, string | number | undefined | null> }) {
  const q = qs(query);
  return (
    <>
      <a className="btn" href={`${base}.csv${q}`} download>
        Export CSV
      </a>
      <a className="btn" href={`${base}.xlsx${q}`} download>
        Export XLSX
      </a>
    </>
  );
}
