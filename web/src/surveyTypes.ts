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
  /** With an invitation link (?t=): its state and the answers saved so far. */
  invitation: { status: InvitationStatus; language: string; partial: Record<string, unknown> | null } | null;
}

export type InvitationStatus = 'scheduled' | 'sent' | 'opened' | 'started' | 'completed' | 'bounced' | 'opted_out' | 'cancelled';
export const INVITATION_STATUSES: InvitationStatus[] = ['scheduled', 'sent', 'opened', 'started', 'completed', 'bounced', 'opted_out', 'cancelled'];

export interface SurveyInvitation {
  id: number;
  survey_id: number;
  customer_id: number;
  customer_name: string;
  status: InvitationStatus;
  origin: 'staff' | 'event';
  event_name: string;
  event_id: string;
  language: string;
  has_partial_answer: boolean;
  answer_id: number | null;
  reminder_count: number;
  note: string;
  due_at: string | null;
  created_at: string;
  sent_at: string | null;
  opened_at: string | null;
  completed_at: string | null;
}

export interface InvitationList {
  items: SurveyInvitation[];
  total: number;
  limit: number;
  offset: number;
  counts: Record<InvitationStatus, number>;
}

export interface SurveyMailTemplates {
  invitation_subject: string;
  invitation_body: string;
  reminder_subject: string;
  reminder_body: string;
  is_default: boolean;
  placeholders: string[];
}

export interface ContactRules {
  min_days_between: number;
  quiet_start: string;
  quiet_end: string;
  time_zone: string;
}
