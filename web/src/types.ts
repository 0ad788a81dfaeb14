// Records of the REST API (docs/API.md). Times are ISO 8601 UTC strings.

export type Id = number;
export type Role = 'admin' | 'quality_manager' | 'handler' | 'viewer';

export interface User {
  id: Id;
  email: string;
  display_name: string;
  role: Role;
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface Settings {
  name: string;
  time_zone: string;
  updated_at?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  total_capped?: boolean; // total is a lower bound (the complaint list stops counting)
  limit: number;
  offset: number;
}

export type CustomerKind = 'person' | 'organisation';

export interface Customer {
  id: Id;
  kind: CustomerKind;
  name: string;
  email: string;
  phone: string;
  segment_id: Id | null;
  site: string;
  tags: string[];
  consent_survey: boolean;
  consent_survey_at: string | null;
  consent_marketing: boolean;
  consent_marketing_at: string | null;
  external_ref: string;
  created_at: string;
  updated_at: string;
}

export type NeedClass = 'basic' | 'performance' | 'delighter';

export interface Need {
  description: string;
  class: NeedClass;
  importance: number;
}

export interface Segment {
  id: Id;
  name: string;
  description: string;
  needs: Need[];
  created_at: string;
  updated_at: string;
}

export type Scope = 'customer' | 'segment' | 'all';
export type RequirementKind = 'customer_stated' | 'implied' | 'statutory' | 'regulatory' | 'organisation';
export type RequirementStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn';
export type ReviewOutcome = 'accepted' | 'amended' | 'rejected';

export interface Requirement {
  id: Id;
  version: number;
  scope: Scope;
  customer_id: Id | null;
  segment_id: Id | null;
  kind: RequirementKind;
  text: string;
  source_ref: string;
  status: RequirementStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface RequirementVersion {
  requirement_id: Id;
  version: number;
  kind: RequirementKind;
  text: string;
  source_ref: string;
  created_by: string;
  created_at: string;
}

export interface Review {
  id: Id;
  requirement_id: Id;
  version: number;
  reviewer_id: Id | null;
  reviewer: string;
  reviewed_at: string;
  outcome: ReviewOutcome;
  notes: string;
}

export type Channel = 'email' | 'phone' | 'meeting' | 'letter' | 'portal' | 'other';
export type Direction = 'inbound' | 'outbound';

export interface Communication {
  id: Id;
  customer_id: Id;
  channel: Channel;
  direction: Direction;
  subject: string;
  body: string;
  occurred_at: string;
  recorded_by_id: Id | null;
  recorded_by: string;
  created_at: string;
  updated_at: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  entity_type: string;
  entity_id: string;
  action: string;
  old_value: unknown;
  new_value: unknown;
  reason: string;
  hash: string;
}

export interface VerifyResult {
  intact: boolean;
  entries_checked: number;
  problems: { seq: number; kind: string; message: string }[];
}

export const ROLES: Role[] = ['admin', 'quality_manager', 'handler', 'viewer'];
export const CUSTOMER_KINDS: CustomerKind[] = ['person', 'organisation'];
export const NEED_CLASSES: NeedClass[] = ['basic', 'performance', 'delighter'];
export const SCOPES: Scope[] = ['customer', 'segment', 'all'];
export const REQUIREMENT_KINDS: RequirementKind[] = [
  'customer_stated',
  'implied',
  'statutory',
  'regulatory',
  'organisation',
];
export const REQUIREMENT_STATUSES: RequirementStatus[] = ['open', 'accepted', 'rejected', 'withdrawn'];
export const CHANNELS: Channel[] = ['email', 'phone', 'meeting', 'letter', 'portal', 'other'];
export const DIRECTIONS: Direction[] = ['inbound', 'outbound'];

// ---- Complaints (issue 3; docs/API.md "Complaints (issue 3)") ----

export type ComplaintState =
  | 'received'
  | 'acknowledged'
  | 'assessed'
  | 'investigating'
  | 'responded'
  | 'closed'
  | 'waiting_on_complainant'
  | 'reopened'
  | 'withdrawn'
  | 'referred';
export type ClosureKind = 'accepted' | 'no_reply' | 'referral' | 'duplicate';
export type ComplaintIntake = 'public_form' | 'staff' | 'api' | 'email' | 'import';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type CauseCategory = 'people' | 'process' | 'equipment' | 'material' | 'measurement' | 'environment';
export type Remedy = 'explanation' | 'apology' | 'repair' | 'replacement' | 'refund' | 'other';
export type MessageKind = 'to_complainant' | 'from_complainant' | 'internal_note' | 'unverified_mail';
export type ActionStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

export interface SlaStatus {
  due: string | null;
  warn_at: string | null;
  fraction_elapsed: number;
  paused: boolean;
  stopped: boolean;
  warning: boolean;
  breached: boolean;
}

export interface Complaint {
  id: Id;
  reference: string;
  state: ComplaintState;
  paused_from: ComplaintState | null;
  closure: ClosureKind | null;
  intake: ComplaintIntake;
  channel: Channel;
  summary: string;
  description: string;
  product: string;
  occurred_on: string | null; // a calendar date YYYY-MM-DD
  remedy_wanted: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  consent_contact: boolean;
  customer_id: Id | null;
  segment_id: Id | null;
  site: string;
  category_id: Id | null;
  category_path: string | null;
  external_ref: string;
  assignee_id: Id | null;
  /** The case this duplicate was merged into. */
  merged_into?: CaseLink | null;
  /** The duplicates merged into this case (on the single-case answer only). */
  merged?: CaseLink[];
  severity: number | null;
  priority: Priority | null;
  immediate_action: boolean;
  immediate_action_note: string;
  whys: string[];
  cause_category: CauseCategory | null;
  root_cause: string;
  evidence: string;
  decision: string;
  remedies: Remedy[];
  remedy_detail: string;
  source_outcome: string;
  source_timely: boolean | null;
  received_at: string;
  acknowledged_at: string | null;
  responded_at: string | null;
  closed_at: string | null;
  reopen_count: number;
  ack_due_at: string | null;
  resolve_due_at: string | null;
  sla: { acknowledge: SlaStatus | null; resolve: SlaStatus | null } | null;
  allowed_next: ComplaintState[];
  created_at: string;
  updated_at: string;
}

export interface ComplaintMessage {
  id: Id;
  complaint_id: Id;
  kind: MessageKind;
  subject: string;
  body: string;
  author_id?: Id | null;
  author: string;
  created_at: string;
  /** Set on a message of a duplicate merged into the case being read. */
  merged_from?: CaseLink | null;
}

/** Another case named by a complaint: the one it was merged into, or one merged into it. */
export interface CaseLink {
  id: Id;
  reference: string;
}

/** A named set of list filters (the list's query string), private or shared. */
export interface SavedView {
  id: Id;
  list: 'complaints';
  name: string;
  query: string;
  shared: boolean;
  owner_id: Id;
  owner_name: string;
  mine: boolean;
  created_at: string;
  updated_at: string;
}

export interface Attachment {
  id: Id;
  complaint_id: Id;
  message_id: Id | null;
  filename: string;
  content_type: string;
  size: number;
  blake2b: string;
  uploaded_by: string;
  created_at: string;
}

export interface ComplaintCategory {
  id: Id;
  parent_id: Id | null;
  name: string;
  path: string;
  active: boolean;
  created_at: string;
}

export interface CorrectiveAction {
  id: Id;
  title: string;
  description: string;
  owner_id: Id | null;
  due_date: string | null;
  status: ActionStatus;
  complaint_ids: Id[];
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface TimelineItem {
  at: string;
  kind: 'audit' | 'message';
  actor: string;
  action: string;
  detail: unknown;
}

export interface HandlingRating {
  complaint_id: Id;
  score: number;
  comment: string;
  rated_at: string;
}

export interface PeriodVolume {
  period: string;
  volume: number;
  unit: string;
}

export type SlaUnit = 'business_days' | 'business_hours';
export interface SlaTarget {
  amount: number;
  unit: SlaUnit;
}
export interface SlaTargets {
  acknowledge: SlaTarget;
  resolve: SlaTarget;
}
export interface MailTemplate {
  subject: string;
  body: string;
}
export interface DayHours {
  open: string; // "09:00"
  close: string; // "17:00"
}
export interface ComplaintSettings {
  calendar: { time_zone: string; week: Record<string, DayHours | null>; holidays: string[] };
  sla: { unassessed: SlaTargets; severity: Record<string, SlaTargets>; warn_at_percent: number };
  closure: { no_reply_days: number; reopen_on_reply?: boolean };
  mail_from: string;
  mail_from_name: string;
  public_base_url: string;
  templates: { acknowledgement: MailTemplate; decision: MailTemplate; closure: MailTemplate };
  canned_responses?: CannedResponse[];
  updated_at?: string;
}

export const COMPLAINT_STATES: ComplaintState[] = [
  'received',
  'acknowledged',
  'assessed',
  'investigating',
  'responded',
  'waiting_on_complainant',
  'reopened',
  'closed',
  'withdrawn',
  'referred',
];
export const CLOSURE_KINDS: ClosureKind[] = ['accepted', 'no_reply', 'referral'];
export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
export const CAUSE_CATEGORIES: CauseCategory[] = ['people', 'process', 'equipment', 'material', 'measurement', 'environment'];
export const REMEDIES: Remedy[] = ['explanation', 'apology', 'repair', 'replacement', 'refund', 'other'];
export const ACTION_STATUSES: ActionStatus[] = ['open', 'in_progress', 'done', 'cancelled'];
export const COMPLAINT_INTAKES: ComplaintIntake[] = ['public_form', 'staff', 'api', 'email', 'import'];
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A text a handler inserts into a message to the complainant (complaint settings). */
export interface CannedResponse {
  name: string;
  subject: string;
  body: string;
}
