// The sections of the analysis page that count complaints: the key figures,
// complaints per period (bars with a zoom slider, paged table), the Pareto
// of categories and the counts by category, product, segment and channel
// (each the chart of the table's current page, with the "Other" row last),
// and the handling ratings. Every chart's numbers are also in a table.
import { useMemo } from 'react';
import { Chart } from '../../components/Chart';
import { rowLabel, type ComplaintAnalysis, type CountRow, type GroupNoun, type ParetoRow } from '../../analysisTypes';
import { barOption, paretoOption, PERIOD_WINDOW, periodOption } from './chartOptions';
import { DataTable } from './DataTable';
import { PERIOD_PAGE_ROWS, usePagedRows } from './PagedRows';

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`;
}
export function num(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

export const CATEGORY_NOUN: GroupNoun = ['category', 'categories'];

/** Bar height in px of a horizontal bar chart, and the room for its axes. */
const BAR_PX = 28;
const AXES_PX = 48;
const PARETO_AXES_PX = 96; // the legend and a second axis above the bars

/** The "Other" row reads apart from the groups. */
const otherClass = (row: { other_groups?: number }) => (row.other_groups !== undefined ? 'other-row' : undefined);

/** A count breakdown as a bar chart and a table, paged together. */
export function CountSection(props: { id: string; title: string; rows: CountRow[]; keyTitle: string; noun: GroupNoun; note?: string }) {
  const { id, title, rows, keyTitle, noun, note } = props;
  const { shown, pager } = usePagedRows(rows, `${title}: pages`);
  const labels = useMemo(() => shown.map((r) => rowLabel(r, noun)), [shown, noun]);
  const option = useMemo(() => barOption(labels, shown.map((r) => r.count), 'Complaints', true), [labels, shown]);
  const total = rows.reduce((s, r) => s + r.count, 0);
  return (
    <section className="panel chart-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {note ? <p className="muted small">{note}</p> : null}
      {rows.length === 0 ? (
        <p className="muted">No complaints.</p>
      ) : (
        <>
          <Chart option={option} summary={`${title}: bar chart of ${shown.length} groups; the table below has the numbers.`} height={Math.max(160, shown.length * BAR_PX + AXES_PX)} />
          <DataTable
            caption={title}
            columns={[
              { title: keyTitle, cell: (_r, i) => labels[i] },
              { title: 'Complaints', num: true, cell: (r) => r.count },
              { title: 'Share', num: true, cell: (r) => pct(total ? r.count / total : null) },
            ]}
            rows={shown}
            rowKey={(r, i) => `${r.key ?? ''}-${r.label}-${i}`}
            rowClass={otherClass}
          />
          {pager}
        </>
      )}
    </section>
  );
}

export function ParetoSection({ rows, note }: { rows: ParetoRow[]; note: string }) {
  const { shown, pager } = usePagedRows(rows, 'Pareto of categories: pages');
  const labels = useMemo(() => shown.map((r) => rowLabel(r, CATEGORY_NOUN)), [shown]);
  const option = useMemo(() => paretoOption(shown, labels), [shown, labels]);
  return (
    <section className="panel chart-panel" aria-labelledby="par-title">
      <h2 id="par-title">Pareto of categories</h2>
      <p className="muted small">{note}</p>
      {rows.length === 0 ? (
        <p className="muted">No complaints.</p>
      ) : (
        <>
          <Chart
            option={option}
            summary="Pareto chart: categories by count with the cumulative share; the table below has the numbers."
            height={Math.max(200, shown.length * BAR_PX + PARETO_AXES_PX)}
          />
          <DataTable
            caption="Pareto of categories"
            columns={[
              { title: 'Category', cell: (_p, i) => labels[i] },
              { title: 'Complaints', num: true, cell: (p) => p.count },
              { title: 'Share', num: true, cell: (p) => pct(p.share) },
              { title: 'Cumulative', num: true, cell: (p) => pct(p.cumulative_share) },
            ]}
            rows={shown}
            rowKey={(p, i) => `${p.label}-${i}`}
            rowClass={otherClass}
          />
          {pager}
        </>
      )}
    </section>
  );
}

export function PeriodSection({ a }: { a: ComplaintAnalysis }) {
  const option = useMemo(() => periodOption(a.by_period.map((p) => p.period), a.by_period.map((p) => p.count)), [a]);
  const { shown, pager } = usePagedRows(a.by_period, 'Complaints per period: pages', PERIOD_PAGE_ROWS);
  const zoomed = a.by_period.length > PERIOD_WINDOW;
  return (
    <section className="panel chart-panel" aria-labelledby="per-title">
      <h2 id="per-title">Complaints per period</h2>
      {a.by_period.length === 0 ? (
        <p className="muted">No complaints.</p>
      ) : (
        <>
          {zoomed ? <p className="muted small">The chart opens on the latest periods; drag the slider below it to see the others.</p> : null}
          <Chart option={option} summary="Complaints per period: bar chart; the table below has the numbers." />
          <DataTable
            caption="Complaints per period"
            columns={[
              { title: 'Period', cell: (p) => p.period },
              { title: 'Complaints', num: true, cell: (p) => p.count },
            ]}
            rows={shown}
            rowKey={(p) => p.period}
            headerClass="period"
          />
          {pager}
        </>
      )}
    </section>
  );
}

export function Figures({ a }: { a: ComplaintAnalysis }) {
  const items: [string, string][] = [
    ['Complaints', String(a.total)],
    ['Time to acknowledge (median / 90th percentile)', `${num(a.time_to_acknowledge.median_hours)} h / ${num(a.time_to_acknowledge.p90_hours)} h (n = ${a.time_to_acknowledge.n})`],
    ['Time to resolve (median / 90th percentile, business hours)', `${num(a.time_to_resolve.median_hours)} h / ${num(a.time_to_resolve.p90_hours)} h (n = ${a.time_to_resolve.n})`],
    ['Acknowledged within SLA', `${pct(a.within_sla.acknowledge.share)} (${a.within_sla.acknowledge.within} of ${a.within_sla.acknowledge.n})`],
    ['Resolved within SLA', `${pct(a.within_sla.resolve.share)} (${a.within_sla.resolve.within} of ${a.within_sla.resolve.n})`],
    ['Reopen rate', `${pct(a.reopen_rate.rate)} (${a.reopen_rate.reopened} of ${a.reopen_rate.closed} closed)`],
    ['Satisfaction with handling', a.satisfaction.n ? `${num(a.satisfaction.mean, 2)} of 5 (n = ${a.satisfaction.n})` : 'No ratings'],
  ];
  return (
    <section className="panel" aria-labelledby="fig-title">
      <h2 id="fig-title">Key figures</h2>
      <dl className="details figures">
        {items.map(([t, v]) => (
          <div key={t}>
            <dt>{t}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function SatisfactionSection({ a }: { a: ComplaintAnalysis }) {
  const dist = a.satisfaction.distribution ?? [];
  const option = useMemo(
    () => barOption(['1', '2', '3', '4', '5'], [0, 1, 2, 3, 4].map((i) => a.satisfaction.distribution?.[i] ?? 0), 'Ratings'),
    [a],
  );
  if (!a.satisfaction.n) return null;
  return (
    <section className="panel chart-panel" aria-labelledby="sat-title">
      <h2 id="sat-title">Satisfaction with complaint handling</h2>
      <Chart option={option} summary="Ratings from 1 to 5: bar chart; the table below has the numbers." height={200} />
      <DataTable
        caption="Ratings"
        columns={[
          { title: 'Score', cell: (i) => i + 1 },
          { title: 'Ratings', num: true, cell: (i) => dist[i] ?? 0 },
        ]}
        rows={[0, 1, 2, 3, 4]}
        rowKey={(i) => String(i)}
      />
    </section>
  );
}
