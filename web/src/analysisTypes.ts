// The complaint analysis answer (GET /api/v1/complaints/analysis, docs/API.md
// "Analysis answer"): counts by category (at a chosen level of the tree, the
// top N and the rest as one "Other" row), product, segment, channel and
// period; the Pareto; times, SLA shares, reopen rate, satisfaction; and the
// c- and u-chart with the baseline periods that set their limits.

/** One group of a count; the "Other" row has `other_groups` (how many groups it sums) and key null. */
export interface CountRow {
  key: string | number | null;
  label: string;
  count: number;
  other_groups?: number;
}

export interface ParetoRow {
  label: string;
  count: number;
  share: number;
  cumulative_share: number;
  other_groups?: number;
}

export interface DurationStats {
  n: number;
  median_hours: number | null;
  p90_hours: number | null;
}

export interface ShareStats {
  n: number;
  within: number;
  share: number | null;
}

/** The periods whose points set a control chart's limits. */
export interface Baseline {
  from: string;
  to: string;
  periods: number;
}

export interface CChart {
  center: number;
  ucl: number;
  lcl: number;
  baseline: Baseline;
  /** `partial`: the period is still running (the server's clock is in it): shown, never judged. */
  points: { period: string; value: number; out_of_control: boolean; used_for_limits: boolean; partial?: boolean }[];
}

export interface UChart {
  center: number;
  unit: string;
  baseline: Baseline;
  points: {
    period: string;
    count: number;
    volume: number;
    value: number;
    ucl: number;
    lcl: number;
    out_of_control: boolean;
    used_for_limits: boolean;
    partial?: boolean;
  }[];
}

export interface ComplaintAnalysis {
  period: 'month' | 'week';
  total: number;
  category_level: number;
  category_depth: number;
  category_groups: number;
  top: number | null;
  by_category: CountRow[];
  by_product: CountRow[];
  by_segment: CountRow[];
  by_channel: CountRow[];
  by_period: { period: string; count: number }[];
  pareto: ParetoRow[];
  pareto_top_level: ParetoRow[];
  time_to_acknowledge: DurationStats;
  time_to_resolve: DurationStats;
  within_sla: { acknowledge: ShareStats; resolve: ShareStats };
  reopen_rate: { closed: number; reopened: number; rate: number | null };
  satisfaction: { n: number; mean: number | null; distribution: number[] };
  c_chart: CChart | null;
  u_chart_note?: string;
  u_chart: UChart | null;
}

/** What a count's groups are called, one and many: ['category', 'categories']. */
export type GroupNoun = readonly [string, string];

/** A row's label for people: the "Other" row says how many groups it holds. */
export function rowLabel(row: { label: string; other_groups?: number }, noun: GroupNoun = ['group', 'groups']): string {
  if (row.other_groups === undefined) return row.label || '(none)';
  return `Other (${row.other_groups.toLocaleString('en')} ${row.other_groups === 1 ? noun[0] : noun[1]})`;
}
