// The c-chart (complaints per period) and the u-chart (complaints per unit
// of volume) of the analysis page: the limits, the periods outside them in
// red, the baseline (the periods that set the limits) shaded and said in a
// sentence, and every period's numbers in a paged table.
import { useMemo } from 'react';
import { Chart } from '../../components/Chart';
import type { Baseline, ComplaintAnalysis } from '../../analysisTypes';
import { cChartOption, isPartial, uChartOption } from './chartOptions';
import { DataTable } from './DataTable';
import { PERIOD_PAGE_ROWS, usePagedRows } from './PagedRows';
import { num } from './Sections';

/** "Limits from 12 periods, 2025-01 to 2025-12." (and that the shaded band is the baseline when it is part of the chart). */
export function baselineSentence(baseline: Baseline, periods: number): string {
  const n = baseline.periods;
  const span = baseline.from === baseline.to ? baseline.from : `${baseline.from} to ${baseline.to}`;
  const what = `Limits from ${n.toLocaleString('en')} ${n === 1 ? 'period' : 'periods'}, ${span}`;
  return isPartial(baseline, periods) ? `${what} (the shaded baseline).` : `${what} (every period).`;
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
/** A running period's count so far is no signal either way. */
const judged = (p: { out_of_control: boolean; partial?: boolean }) => (p.partial ? 'Not yet (running)' : yesNo(p.out_of_control));

/** "2026-12 is still running: shown, but it sets no limits and is not judged." when the latest period is. */
function RunningNote({ points }: { points: { period: string; partial?: boolean }[] }) {
  const running = points.filter((p) => p.partial);
  if (running.length === 0) return null;
  const which = running.length === 1 ? `${running[0].period} is` : `${running[0].period} to ${running[running.length - 1].period} are`;
  return <p className="muted small">{which} still running: shown, but it sets no limits and is not judged.</p>;
}
const outOfControlClass = (p: { out_of_control: boolean }) => (p.out_of_control ? 'ooc' : undefined);

function CChartSection({ a }: { a: ComplaintAnalysis }) {
  const c = a.c_chart;
  const option = useMemo(() => (c ? cChartOption(c) : null), [c]);
  const { shown, pager } = usePagedRows(c?.points ?? [], 'c-chart: pages', PERIOD_PAGE_ROWS);
  return (
    <section className="panel chart-panel" aria-labelledby="c-title">
      <h2 id="c-title">c-chart: complaints per period</h2>
      {!c || c.points.length === 0 || !option ? (
        <p className="muted">Not enough periods for a control chart.</p>
      ) : (
        <>
          <p className="muted small">
            Centre {num(c.center, 2)}, upper control limit {num(c.ucl, 2)}, lower control limit {num(c.lcl, 2)}. Points outside the limits are marked.
          </p>
          <p className="small">{baselineSentence(c.baseline, c.points.length)}</p>
          <RunningNote points={c.points} />
          <Chart option={option} summary="c-chart of complaints per period with centre line and control limits; the table below has the numbers." />
          <DataTable
            caption="c-chart"
            columns={[
              { title: 'Period', cell: (p) => p.period },
              { title: 'Complaints', num: true, cell: (p) => p.value },
              { title: 'Baseline', cell: (p) => yesNo(p.used_for_limits) },
              { title: 'Out of control', cell: judged },
            ]}
            rows={shown}
            rowKey={(p) => p.period}
            rowClass={outOfControlClass}
            headerClass="period"
          />
          {pager}
        </>
      )}
    </section>
  );
}

function UChartSection({ a }: { a: ComplaintAnalysis }) {
  const u = a.u_chart;
  const option = useMemo(() => (u ? uChartOption(u) : null), [u]);
  const { shown, pager } = usePagedRows(u?.points ?? [], 'u-chart: pages', PERIOD_PAGE_ROWS);
  return (
    <section className="panel chart-panel" aria-labelledby="u-title">
      <h2 id="u-title">u-chart: complaints per unit of volume</h2>
      {!u || u.points.length === 0 || !option ? (
        <p className="muted">
          {a.u_chart_note ? `${a.u_chart_note.charAt(0).toUpperCase()}${a.u_chart_note.slice(1)}. ` : ''}Enter the volume of each period (orders,
          deliveries) to see the u-chart.
        </p>
      ) : (
        <>
          <p className="muted small">Centre {num(u.center, 4)}; the limits change with each period’s volume.</p>
          <p className="small">{baselineSentence(u.baseline, u.points.length)}</p>
          <RunningNote points={u.points} />
          <Chart option={option} summary="u-chart of complaints per unit with control limits; the table below has the numbers." />
          <DataTable
            caption="u-chart"
            columns={[
              { title: 'Period', cell: (p) => p.period },
              { title: 'Complaints', num: true, cell: (p) => p.count },
              { title: 'Volume', num: true, cell: (p) => p.volume },
              { title: 'Per unit', num: true, cell: (p) => num(p.value, 4) },
              { title: 'LCL', num: true, cell: (p) => num(p.lcl, 4) },
              { title: 'UCL', num: true, cell: (p) => num(p.ucl, 4) },
              { title: 'Baseline', cell: (p) => yesNo(p.used_for_limits) },
              { title: 'Out of control', cell: judged },
            ]}
            rows={shown}
            rowKey={(p) => p.period}
            rowClass={outOfControlClass}
            headerClass="period"
          />
          {pager}
        </>
      )}
    </section>
  );
}

export function ControlCharts({ a }: { a: ComplaintAnalysis }) {
  return (
    <>
      <CChartSection a={a} />
      <UChartSection a={a} />
    </>
  );
}
