// ECharts options of the analysis page, built from the analysis answer:
// horizontal bars with readable labels (long category paths shortened from
// the front, the whole path in the tooltip), the Pareto, the per-period bars
// with a zoom slider once there are more periods than fit, and the c- and
// u-chart with their limits and the baseline shaded.
import type { ChartOption } from '../../components/Chart';
import type { Baseline, CChart, ParetoRow, UChart } from '../../analysisTypes';

export const ACCENT = '#1f5f8b';
export const WARN = '#b3261e';
export const MUTED = '#5d6778';
const BASELINE_FILL = 'rgba(31, 95, 139, 0.10)';

/** Periods shown at once before a zoom slider appears (and the window it opens on: the latest ones). */
export const PERIOD_WINDOW = 60;
/** Characters of a bar's label before it is shortened. */
const LABEL_CHARS = 30;

/**
 * A label that fits beside a bar: short ones whole; a long category path by
 * its last segments ("… / Late fee"), since the deepest names tell groups
 * apart; other long text cut with an ellipsis.
 */
export function shortLabel(text: string, max = LABEL_CHARS): string {
  if (text.length <= max) return text;
  const parts = text.split(' / ');
  if (parts.length > 1) {
    let tail = parts[parts.length - 1];
    for (let i = parts.length - 2; i >= 0 && `… / ${parts[i]} / ${tail}`.length <= max; i--) tail = `${parts[i]} / ${tail}`;
    if (`… / ${tail}`.length <= max) return `… / ${tail}`;
    return `…${tail.slice(tail.length - (max - 1))}`;
  }
  return `${text.slice(0, max - 1)}…`;
}

/** Bars of counts; horizontal ones (groups) carry shortened labels on a wide enough axis. */
export function barOption(labels: string[], values: number[], name: string, horizontal = false): ChartOption {
  const cat = horizontal
    ? { type: 'category', data: labels, inverse: true, axisLabel: { width: 210, overflow: 'truncate', formatter: (v: string) => shortLabel(v) } }
    : { type: 'category', data: labels };
  const val = { type: 'value', minInterval: 1 };
  return {
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: [{ type: 'bar', name, data: values, itemStyle: { color: ACCENT } }],
  };
}

/** A zoom slider over the last PERIOD_WINDOW periods when there are more, with room kept for it below the chart. */
function periodZoom(count: number): ChartOption {
  if (count <= PERIOD_WINDOW) return {};
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 44, containLabel: true },
    dataZoom: [{ type: 'slider', xAxisIndex: 0, startValue: count - PERIOD_WINDOW, endValue: count - 1, height: 18, bottom: 8, brushSelect: false }],
  };
}

export function periodOption(periods: string[], counts: number[]): ChartOption {
  return { ...barOption(periods, counts, 'Complaints'), ...periodZoom(periods.length) };
}

/**
 * The Pareto lying on its side, so that long category names stay readable:
 * the groups down the left (largest first, "Other" last), their counts as
 * bars on the lower axis, the cumulative share as a line on the upper one.
 */
export function paretoOption(rows: ParetoRow[], labels: string[]): ChartOption {
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 210, overflow: 'truncate', formatter: (v: string) => shortLabel(v) } },
    xAxis: [
      { type: 'value', minInterval: 1, position: 'bottom' },
      { type: 'value', min: 0, max: 100, position: 'top', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: 'Complaints', xAxisIndex: 0, data: rows.map((p) => p.count), itemStyle: { color: ACCENT } },
      { type: 'line', name: 'Cumulative share', xAxisIndex: 1, data: rows.map((p) => Math.round(p.cumulative_share * 1000) / 10), itemStyle: { color: WARN } },
    ],
  };
}

/** True when the baseline is only some of the periods (then it is shaded). */
export function isPartial(baseline: Baseline, periods: number): boolean {
  return baseline.periods < periods;
}

/** The shaded band of the baseline periods, labelled "Baseline", for a line series on a category axis. */
function baselineArea(baseline: Baseline, periods: number): ChartOption | undefined {
  if (!isPartial(baseline, periods)) return undefined;
  return {
    silent: true,
    itemStyle: { color: BASELINE_FILL },
    label: { show: true, position: 'insideTop', formatter: 'Baseline', color: MUTED },
    data: [[{ name: 'Baseline', xAxis: baseline.from }, { xAxis: baseline.to }]],
  };
}

/** Every period as a small solid dot and the flagged ones drawn over it in red. */
function pointSeries(name: string, values: number[], flags: boolean[]): ChartOption[] {
  return [
    { type: 'line', name, data: values, symbol: 'circle', symbolSize: 5, showAllSymbol: true, itemStyle: { color: ACCENT } },
    {
      // Exactly the periods the server flags, drawn over the line.
      type: 'scatter',
      name: 'Out of control',
      data: values.map((v, i) => (flags[i] ? [i, v] : null)).filter((d) => d !== null),
      symbol: 'circle',
      symbolSize: 11,
      itemStyle: { color: WARN },
      z: 3,
    },
  ];
}

export function cChartOption(c: CChart): ChartOption {
  const [line, flagged] = pointSeries(
    'Complaints',
    c.points.map((p) => p.value),
    c.points.map((p) => p.out_of_control),
  );
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: c.points.map((p) => p.period) },
    yAxis: { type: 'value', minInterval: 1, max: Math.ceil(Math.max(c.ucl, ...c.points.map((p) => p.value)) * 1.05) },
    series: [
      {
        ...line,
        markLine: {
          symbol: 'none',
          lineStyle: { color: MUTED, type: 'dashed' },
          label: { formatter: '{b}', position: 'insideEndTop' },
          data: [
            { name: 'UCL', yAxis: c.ucl },
            { name: 'Centre', yAxis: c.center, lineStyle: { type: 'solid' } },
            { name: 'LCL', yAxis: c.lcl },
          ],
        },
        markArea: baselineArea(c.baseline, c.points.length),
      },
      flagged,
    ],
    ...periodZoom(c.points.length),
  };
}

export function uChartOption(u: UChart): ChartOption {
  const [line, flagged] = pointSeries(
    'Complaints per unit',
    u.points.map((p) => p.value),
    u.points.map((p) => p.out_of_control),
  );
  const limit = (name: string, data: number[], type: string) => ({
    type: 'line',
    name,
    step: 'middle',
    data,
    showSymbol: false,
    lineStyle: { type, color: MUTED },
    itemStyle: { color: MUTED },
  });
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: u.points.map((p) => p.period) },
    yAxis: { type: 'value' },
    series: [
      {
        ...line,
        markLine: { symbol: 'none', lineStyle: { color: MUTED }, label: { formatter: 'Centre', position: 'insideEndTop' }, data: [{ yAxis: u.center }] },
        markArea: baselineArea(u.baseline, u.points.length),
      },
      limit('UCL', u.points.map((p) => p.ucl), 'dashed'),
      limit('LCL', u.points.map((p) => p.lcl), 'dotted'),
      flagged,
    ],
    ...periodZoom(u.points.length),
  };
}
