// Complaint analysis (ISO 9001 9.1.3, ISO 10002 8.3): counts by category
// (at a chosen level of the tree, the top N and the rest as "Other"),
// product, segment, channel and period; Pareto; times to acknowledge and
// resolve; share within SLA; reopen rate; satisfaction; c- and u-charts with
// a chosen baseline. Every chart's numbers are also in a table, paged when
// long. Quality managers enter the volumes per period (for the u-chart) and
// export the complaints. The sections are in ./analysis/.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { qs } from '../api';
import type { ComplaintAnalysis } from '../analysisTypes';
import { CategorySelect, useCategories } from '../components/ComplaintBits';
import { Empty, LoadError, Loading } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { label, todayInput } from '../format';
import { useApi } from '../hooks';
import { CHANNELS, COMPLAINT_INTAKES } from '../types';
import { ControlCharts } from './analysis/ControlCharts';
import { CATEGORY_NOUN, CountSection, Figures, ParetoSection, PeriodSection, SatisfactionSection } from './analysis/Sections';
import { Volumes } from './analysis/Volumes';
import { useSegments } from './Customers';

const DEFAULT_TOP = '10';
const TOP_CHOICES = ['5', '10', '20', '50', '100', 'all'];
/** The parameters that set the range of periods; changing one clears the baseline, which must lie inside it. */
const RANGE_KEYS = ['period', 'from', 'to', 'category_id', 'segment_id', 'channel', 'intake'];

/** "Top 10 of 1,000 categories at the top level." */
function breakdownNote(a: ComplaintAnalysis): string {
  const level = a.category_level === 1 ? 'the top level' : `level ${a.category_level}`;
  const groups = `${a.category_groups.toLocaleString('en')} ${a.category_groups === 1 ? 'category' : 'categories'}`;
  const shown = a.top === null || a.category_groups <= a.top ? `All ${groups}` : `Top ${a.top} of ${groups}, the rest as “Other”,`;
  return `${shown} at ${level}.`;
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
  const view = {
    category_level: get('category_level'),
    top: get('top'),
    baseline_from: get('baseline_from'),
    baseline_to: get('baseline_to'),
  };
  const { data: a, error, loading } = useApi<ComplaintAnalysis>(`/api/v1/complaints/analysis${qs({ period, ...filters, ...view })}`, tick);
  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value || key === 'from') next.set(key, value);
    else next.delete(key);
    if (RANGE_KEYS.includes(key)) {
      next.delete('baseline_from');
      next.delete('baseline_to');
    }
    setParams(next, { replace: true });
  }
  const exportQuery = qs(filters);
  const channelRows = useMemo(() => (a ? a.by_channel.map((r) => ({ ...r, label: label(r.label) })) : []), [a]);
  // The level choices go as deep as the category tree (and the complaints analysed).
  const depth = Math.max(1, a?.category_depth ?? 1, Number(view.category_level) || 1, ...categories.map((c) => c.path.split(' / ').length));
  const levels = Array.from({ length: depth }, (_, i) => ({ value: String(i + 1), label: i === 0 ? 'Top level' : `Level ${i + 1}` }));
  // The baseline choices are the periods of the answer (kept from the last one while the next loads).
  const periodKeys = a?.by_period.map((p) => p.period) ?? [];
  const periodOptions = (current: string) =>
    [...new Set([...periodKeys, ...(current ? [current] : [])])].map((p) => ({ value: p, label: p }));
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
      <form className="filters" aria-label="Breakdown and baseline" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="an-level"
          label="Category level"
          hint="Deeper categories count under their node at this level."
          value={view.category_level || '1'}
          onChange={(v) => set('category_level', v === '1' ? '' : v)}
          options={levels}
        />
        <SelectField
          id="an-top"
          label="Groups shown"
          hint="The rest are summed as “Other”."
          value={view.top || DEFAULT_TOP}
          onChange={(v) => set('top', v === DEFAULT_TOP ? '' : v)}
          options={TOP_CHOICES.map((t) => ({ value: t, label: t === 'all' ? 'All' : `Top ${t}` }))}
        />
        <SelectField
          id="an-baseline-from"
          label="Baseline from"
          hint="The periods that set the control limits."
          value={view.baseline_from}
          onChange={(v) => set('baseline_from', v)}
          empty="First period"
          options={periodOptions(view.baseline_from)}
        />
        <SelectField
          id="an-baseline-to"
          label="Baseline to"
          value={view.baseline_to}
          onChange={(v) => set('baseline_to', v)}
          empty="Last period"
          options={periodOptions(view.baseline_to)}
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
            <ParetoSection rows={a.pareto} note={breakdownNote(a)} />
            <CountSection id="by-cat" title="By category" keyTitle="Category" rows={a.by_category} noun={CATEGORY_NOUN} note={breakdownNote(a)} />
            <CountSection id="by-prod" title="By product" keyTitle="Product" rows={a.by_product} noun={['product', 'products']} />
            <CountSection id="by-seg" title="By segment" keyTitle="Segment" rows={a.by_segment} noun={['segment', 'segments']} />
            <CountSection id="by-chan" title="By channel" keyTitle="Channel" rows={channelRows} noun={['channel', 'channels']} />
            <SatisfactionSection a={a} />
          </div>
          <ControlCharts a={a} />
        </div>
      ) : null}
      <Volumes onChange={() => setTick((t) => t + 1)} />
    </>
  );
}
