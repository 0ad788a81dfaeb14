// Complaint analysis (ISO 9001 9.1.3, ISO 10002 8.3): counts by category,
// product, segment, channel and period; Pareto; times to acknowledge and
// resolve; share within SLA; reopen rate; satisfaction; c- and u-charts.
// Every chart's numbers are also in a table. Quality managers enter the
// volumes per period (for the u-chart) and export the complaints.
import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, qs } from '../api';
import { useCan } from '../auth';
import { Chart, type ChartOption } from '../components/Chart';
import { CategorySelect, itemsOf, useCategories } from '../components/ComplaintBits';
import { ConfirmButton } from '../components/ConfirmButton';
import { Empty, FormAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { label, todayInput } from '../format';
import { NO_ERRORS, toFormErrors, useApi, type FormErrors } from '../hooks';
import { CHANNELS, COMPLAINT_INTAKES, type ComplaintAnalysis, type CountRow, type Page, type PeriodVolume } from '../types';
import { useSegments } from './Customers';

const ACCENT = '#1f5f8b';
const WARN = '#b3261e';
const MUTED = '#5d6778';

function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`;
}
function num(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

function barOption(labels: string[], values: number[], name: string, horizontal = false): ChartOption {
  const cat = { type: 'category', data: labels, axisLabel: { width: 140, overflow: 'truncate' } };
  const val = { type: 'value', minInterval: 1 };
  return {
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: [{ type: 'bar', name, data: values, itemStyle: { color: ACCENT } }],
  };
}

/** A count breakdown as a bar chart and a table. */
function CountSection({ id, title, rows, keyTitle }: { id: string; title: string; rows: CountRow[]; keyTitle: string }) {
  const option = useMemo(
    () =>
      barOption(
        rows.map((r) => r.label || '(none)'),
        rows.map((r) => r.count),
        'Complaints',
        true,
      ),
    [rows],
  );
  const total = rows.reduce((s, r) => s + r.count, 0);
  return (
    <section className="panel chart-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No complaints.</p>
      ) : (
        <>
          <Chart option={option} summary={`${title}: bar chart of ${rows.length} groups; the table below has the numbers.`} height={Math.max(160, rows.length * 28 + 48)} />
          <div className="table-wrap" tabIndex={0}>
            <table className="table compact">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{keyTitle}</th>
                  <th scope="col" className="num">
                    Complaints
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={`${r.key ?? ''}-${i}`}>
                    <th scope="row">{r.label || '(none)'}</th>
                    <td className="num">{r.count}</td>
                    <td className="num">{pct(total ? r.count / total : null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Figures({ a }: { a: ComplaintAnalysis }) {
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

function PeriodSection({ a }: { a: ComplaintAnalysis }) {
  const option = useMemo(() => barOption(a.by_period.map((p) => p.period), a.by_period.map((p) => p.count), 'Complaints'), [a]);
  return (
    <section className="panel chart-panel" aria-labelledby="per-title">
      <h2 id="per-title">Complaints per period</h2>
      {a.by_period.length === 0 ? (
        <p className="muted">No complaints.</p>
      ) : (
        <>
          <Chart option={option} summary="Complaints per period: bar chart; the table below has the numbers." />
          <div className="table-wrap" tabIndex={0}>
            <table className="table compact">
              <caption className="visually-hidden">Complaints per period</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col" className="num">
                    Complaints
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.by_period.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{p.period}</th>
                    <td className="num">{p.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ParetoSection({ a }: { a: ComplaintAnalysis }) {
  const option = useMemo<ChartOption>(
    () => ({
      legend: { top: 0 },
      xAxis: { type: 'category', data: a.pareto.map((p) => p.label || '(none)'), axisLabel: { rotate: 30, width: 110, overflow: 'truncate' } },
      yAxis: [
        { type: 'value', name: 'Complaints', minInterval: 1 },
        { type: 'value', name: 'Cumulative', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { type: 'bar', name: 'Complaints', data: a.pareto.map((p) => p.count), itemStyle: { color: ACCENT } },
        { type: 'line', name: 'Cumulative share', yAxisIndex: 1, data: a.pareto.map((p) => Math.round(p.cumulative_share * 1000) / 10), itemStyle: { color: WARN } },
      ],
    }),
    [a],
  );
  return (
    <section className="panel chart-panel" aria-labelledby="par-title">
      <h2 id="par-title">Pareto of categories</h2>
      {a.pareto.length === 0 ? (
        <p className="muted">No complaints.</p>
      ) : (
        <>
          <Chart option={option} summary="Pareto chart: categories by count with the cumulative share; the table below has the numbers." height={320} />
          <div className="table-wrap" tabIndex={0}>
            <table className="table compact">
              <caption className="visually-hidden">Pareto of categories</caption>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Complaints
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                  <th scope="col" className="num">
                    Cumulative
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.pareto.map((p, i) => (
                  <tr key={`${p.label}-${i}`}>
                    <th scope="row">{p.label || '(none)'}</th>
                    <td className="num">{p.count}</td>
                    <td className="num">{pct(p.share)}</td>
                    <td className="num">{pct(p.cumulative_share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ControlCharts({ a }: { a: ComplaintAnalysis }) {
  const c = a.c_chart;
  const u = a.u_chart;
  const cOption = useMemo<ChartOption | null>(
    () =>
      c
        ? {
            legend: { top: 0 },
            xAxis: { type: 'category', data: c.points.map((p) => p.period) },
            yAxis: { type: 'value', minInterval: 1, max: Math.ceil(Math.max(c.ucl, ...c.points.map((p) => p.value)) * 1.05) },
            series: [
              {
                // Every period as a small solid dot (never thinned out, never
                // hollow), the line through them, and the limits.
                type: 'line',
                name: 'Complaints',
                data: c.points.map((p) => p.value),
                symbol: 'circle',
                symbolSize: 5,
                showAllSymbol: true,
                itemStyle: { color: ACCENT },
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
              },
              {
                // Exactly the periods the server flags, drawn over the line.
                type: 'scatter',
                name: 'Out of control',
                data: c.points.map((p, i) => (p.out_of_control ? [i, p.value] : null)).filter((d) => d !== null),
                symbol: 'circle',
                symbolSize: 11,
                itemStyle: { color: WARN },
                z: 3,
              },
            ],
          }
        : null,
    [c],
  );
  const uOption = useMemo<ChartOption | null>(
    () =>
      u
        ? {
            legend: { top: 0 },
            xAxis: { type: 'category', data: u.points.map((p) => p.period) },
            yAxis: { type: 'value' },
            series: [
              {
                type: 'line',
                name: 'Complaints per unit',
                data: u.points.map((p) => p.value),
                symbol: 'circle',
                symbolSize: 5,
                showAllSymbol: true,
                itemStyle: { color: ACCENT },
                markLine: { symbol: 'none', lineStyle: { color: MUTED }, label: { formatter: 'Centre', position: 'insideEndTop' }, data: [{ yAxis: u.center }] },
              },
              { type: 'line', name: 'UCL', step: 'middle', data: u.points.map((p) => p.ucl), showSymbol: false, lineStyle: { type: 'dashed', color: MUTED }, itemStyle: { color: MUTED } },
              { type: 'line', name: 'LCL', step: 'middle', data: u.points.map((p) => p.lcl), showSymbol: false, lineStyle: { type: 'dotted', color: MUTED }, itemStyle: { color: MUTED } },
              {
                type: 'scatter',
                name: 'Out of control',
                data: u.points.map((p, i) => (p.out_of_control ? [i, p.value] : null)).filter((d) => d !== null),
                symbol: 'circle',
                symbolSize: 11,
                itemStyle: { color: WARN },
                z: 3,
              },
            ],
          }
        : null,
    [u],
  );
  return (
    <>
      <section className="panel chart-panel" aria-labelledby="c-title">
        <h2 id="c-title">c-chart: complaints per period</h2>
        {!c || c.points.length === 0 ? (
          <p className="muted">Not enough periods for a control chart.</p>
        ) : (
          <>
            <p className="muted small">
              Centre {num(c.center, 2)}, upper control limit {num(c.ucl, 2)}, lower control limit {num(c.lcl, 2)}. Points outside the limits are marked.
            </p>
            {cOption ? <Chart option={cOption} summary="c-chart of complaints per period with centre line and control limits; the table below has the numbers." /> : null}
            <div className="table-wrap" tabIndex={0}>
              <table className="table compact">
                <caption className="visually-hidden">c-chart</caption>
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col" className="num">
                      Complaints
                    </th>
                    <th scope="col">Out of control</th>
                  </tr>
                </thead>
                <tbody>
                  {c.points.map((p) => (
                    <tr key={p.period} className={p.out_of_control ? 'ooc' : undefined}>
                      <th scope="row">{p.period}</th>
                      <td className="num">{p.value}</td>
                      <td>{p.out_of_control ? 'Yes' : 'No'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section className="panel chart-panel" aria-labelledby="u-title">
        <h2 id="u-title">u-chart: complaints per unit of volume</h2>
        {!u || u.points.length === 0 ? (
          <p className="muted">
            {a.u_chart_note ? `${a.u_chart_note.charAt(0).toUpperCase()}${a.u_chart_note.slice(1)}. ` : ''}Enter the volume of each period (orders,
            deliveries) to see the u-chart.
          </p>
        ) : (
          <>
            <p className="muted small">Centre {num(u.center, 4)}; the limits change with each period’s volume.</p>
            {uOption ? <Chart option={uOption} summary="u-chart of complaints per unit with control limits; the table below has the numbers." /> : null}
            <div className="table-wrap" tabIndex={0}>
              <table className="table compact">
                <caption className="visually-hidden">u-chart</caption>
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col" className="num">
                      Complaints
                    </th>
                    <th scope="col" className="num">
                      Volume
                    </th>
                    <th scope="col" className="num">
                      Per unit
                    </th>
                    <th scope="col" className="num">
                      LCL
                    </th>
                    <th scope="col" className="num">
                      UCL
                    </th>
                    <th scope="col">Out of control</th>
                  </tr>
                </thead>
                <tbody>
                  {u.points.map((p) => (
                    <tr key={p.period} className={p.out_of_control ? 'ooc' : undefined}>
                      <th scope="row">{p.period}</th>
                      <td className="num">{p.count}</td>
                      <td className="num">{p.volume}</td>
                      <td className="num">{num(p.value, 4)}</td>
                      <td className="num">{num(p.lcl, 4)}</td>
                      <td className="num">{num(p.ucl, 4)}</td>
                      <td>{p.out_of_control ? 'Yes' : 'No'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}

function SatisfactionSection({ a }: { a: ComplaintAnalysis }) {
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
      <div className="table-wrap" tabIndex={0}>
        <table className="table compact">
          <caption className="visually-hidden">Ratings</caption>
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col" className="num">
                Ratings
              </th>
            </tr>
          </thead>
          <tbody>
            {[0, 1, 2, 3, 4].map((i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                <td className="num">{dist[i] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Volumes({ onChange }: { onChange: () => void }) {
  const canWrite = useCan('quality');
  const { data, error, reload } = useApi<Page<PeriodVolume> | PeriodVolume[]>('/api/v1/period-volumes?limit=500');
  const items = itemsOf(data);
  const [period, setPeriod] = useState('');
  const [volume, setVolume] = useState('');
  const [unit, setUnit] = useState('orders');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.put<PeriodVolume>(`/api/v1/period-volumes/${encodeURIComponent(period.trim())}`, { volume: Number(volume), unit });
      setNotice(`Volume for ${period.trim()} saved.`);
      setPeriod('');
      setVolume('');
      reload();
      onChange();
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  }
  const f = errors.fields;
  return (
    <section className="panel" aria-labelledby="vol-title">
      <h2 id="vol-title">Volumes per period</h2>
      <p className="muted small">The u-chart divides each period’s complaints by its volume (orders, deliveries, contracts).</p>
      <LoadError error={error} />
      <Notice text={notice} onDone={() => setNotice('')} />
      {items.length ? (
        <div className="table-wrap" tabIndex={0}>
          <table className="table compact">
            <caption className="visually-hidden">Volumes per period</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Volume
                </th>
                <th scope="col">Unit</th>
                {canWrite ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr key={v.period}>
                  <th scope="row">{v.period}</th>
                  <td className="num">{v.volume}</td>
                  <td>{v.unit}</td>
                  {canWrite ? (
                    <td>
                      <ConfirmButton
                        small
                        label="Delete"
                        question={`Delete the volume of ${v.period}?`}
                        onConfirm={async () => {
                          try {
                            await api.del(`/api/v1/period-volumes/${encodeURIComponent(v.period)}`);
                            reload();
                            onChange();
                          } catch (err) {
                            setErrors(toFormErrors(err));
                          }
                        }}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No volumes entered.</p>
      )}
      {canWrite ? (
        <form className="subform" onSubmit={submit} noValidate aria-label="Enter a volume">
          <FormAlert errors={errors} shown={['period', 'volume', 'unit']} />
          <div className="grid3">
            <TextField id="vol-period" label="Period" hint="2026-03 (month) or 2026-W09 (week)" value={period} onChange={setPeriod} required error={f.period} />
            <TextField id="vol-volume" label="Volume" type="number" inputMode="numeric" value={volume} onChange={setVolume} required error={f.volume} />
            <TextField id="vol-unit" label="Unit" value={unit} onChange={setUnit} error={f.unit} />
          </div>
          <button type="submit" className="btn" disabled={busy || !period.trim()}>
            Save volume
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function ComplaintAnalysisPage() {
  const [params, setParams] = useSearchParams();
  const segments = useSegments();
  const { items: categories } = useCategories();
  const [tick, setTick] = useState(0);
  const get = (k: string) => params.get(k) ?? '';
  const period = get('period') || 'month';
  // Without a chosen start the page shows the last 12 months (this month and
  // the eleven before, in the organisation's zone); an emptied "From"
  // (from= in the address) means from the first complaint.
  const defaultFrom = useMemo(() => {
    const [y, m] = todayInput().split('-').map(Number);
    return new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10);
  }, []);
  const fromParam = params.get('from');
  const filters = {
    from: fromParam === null ? defaultFrom : fromParam,
    to: get('to'),
    category_id: get('category_id'),
    segment_id: get('segment_id'),
    channel: get('channel'),
    intake: get('intake'),
  };
  const { data: a, error, loading } = useApi<ComplaintAnalysis>(`/api/v1/complaints/analysis${qs({ period, ...filters })}`, tick);
  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value || key === 'from') next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }
  const exportQuery = qs(filters);
  const channelRows = useMemo(() => (a ? a.by_channel.map((r) => ({ ...r, label: label(r.label) })) : []), [a]);
  return (
    <>
      <div className="page-head">
        <h1>Complaint analysis</h1>
        <div className="head-actions">
          <a className="btn" href={`/api/v1/complaints/export.csv${exportQuery}`} download>
            Export CSV
          </a>
          <a className="btn" href={`/api/v1/complaints/export.xlsx${exportQuery}`} download>
            Export XLSX
          </a>
        </div>
      </div>
      <form className="filters" aria-label="Analysis period and filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="an-period"
          label="Group by"
          value={period}
          onChange={(v) => set('period', v === 'month' ? '' : v)}
          options={[
            { value: 'month', label: 'Month' },
            { value: 'week', label: 'Week' },
          ]}
        />
        <TextField id="an-from" label="From" type="date" hint="At first the last 12 months; empty: from the first complaint." value={filters.from} onChange={(v) => set('from', v)} />
        <TextField id="an-to" label="To" type="date" value={get('to')} onChange={(v) => set('to', v)} />
        <CategorySelect id="an-category" value={get('category_id')} onChange={(v) => set('category_id', v)} categories={categories} empty="Any category" />
        <SelectField
          id="an-segment"
          label="Segment"
          value={get('segment_id')}
          onChange={(v) => set('segment_id', v)}
          empty="Any segment"
          options={segments.map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <SelectField
          id="an-channel"
          label="Channel"
          value={get('channel')}
          onChange={(v) => set('channel', v)}
          empty="Any channel"
          options={CHANNELS.map((c) => ({ value: c, label: label(c) }))}
        />
        <SelectField
          id="an-intake"
          label="Intake"
          hint="Imported history has no real handling times."
          value={get('intake')}
          onChange={(v) => set('intake', v)}
          empty="Any intake"
          options={COMPLAINT_INTAKES.map((i) => ({ value: i, label: label(i) }))}
        />
      </form>
      <LoadError error={error} />
      {loading && !a ? <Loading /> : null}
      {a ? (
        <div aria-busy={loading}>
          <Figures a={a} />
          {a.total === 0 ? <Empty>No complaints in this period.</Empty> : null}
          <PeriodSection a={a} />
          <div className="chart-grid">
            <ParetoSection a={a} />
            <CountSection id="by-cat" title="By category" keyTitle="Category" rows={a.by_category} />
            <CountSection id="by-prod" title="By product" keyTitle="Product" rows={a.by_product} />
            <CountSection id="by-seg" title="By segment" keyTitle="Segment" rows={a.by_segment} />
            <CountSection id="by-chan" title="By channel" keyTitle="Channel" rows={channelRows} />
            <SatisfactionSection a={a} />
          </div>
          <ControlCharts a={a} />
        </div>
      ) : null}
      <Volumes onChange={() => setTick((t) => t + 1)} />
    </>
  );
}
