// The survey records of the API (docs/API.md "Surveys").
import type { Id } from './types';

export type SurveyKind = 'relationship' | 'transactional';
export type SurveyStatus = 'draft' | 'open' | 'closed';
export const SURVEY_STATUSES: SurveyStatus[] = ['draft', 'open', 'closed'];
export const SURVEY_KINDS: SurveyKind[] = ['relationship', 'transactional'];

export interface MetricMap {
  nps?: string;
  csat?: string;
  ces?: string;
  overall?: string;
  drivers?: string[];
}

export interface Survey {
  id: Id;
  name: string;
  kind: SurveyKind;
  status: SurveyStatus;
  public_slug: string;
  public_path: string;
  public_link_enabled: boolean;
  anonymous_allowed: boolean;
  closes_at: string | null;
  max_answers: number | null;
  current_version: number;
  answer_count: number;
  created_at: string;
  updated_at: string;
  closed_reason?: string;
  definition?: Record<string, unknown>;
  metric_map?: MetricMap;
}

export interface SurveyCheck {
  valid: boolean;
  questions: { name: string; type: string; title: string; page: string }[];
  locales: string[];
}

export interface Interval {
  low: number;
  high: number;
}

export interface MeanResult {
  n: number;
  mean: number;
  standard_deviation: number;
  ci95: Interval | null;
}

export interface QuestionResult {
  name: string;
  type: string;
  title: string;
  answered: number;
  distribution: { value: unknown; text: string; count: number }[];
  mean: MeanResult | null;
  verbatims: { answer_id: Id; submitted_at: string; text: string }[];
}

export interface SurveyResults {
  answers: number;
  version: number;
  first_at: string | null;
  last_at: string | null;
  by_version: { version: number; answers: number }[];
  by_channel: Record<string, number>;
  by_language: { language: string; answers: number }[];
  metrics: {
    nps?: { n: number; score: number; promoters: number; passives: number; detractors: number; ci95: Interval };
    csat?: { n: number; top_two_box: number; ci95: Interval; mean: MeanResult | null };
    ces?: MeanResult;
  };
  questions: QuestionResult[];
  series_breaks: { version: number; breaks: string[] }[];
}

export interface SurveyAnswer {
  id: Id;
  version: number;
  channel: string;
  language: string;
  anonymous: boolean;
  customer_id: Id | null;
  answers: Record<string, unknown>;
  nps: number | null;
  submitted_at: string;
}

export interface PublicSurvey {
  version: number;
  open: boolean;
  closed_reason: string;
  definition: Record<string, unknown>;
}
