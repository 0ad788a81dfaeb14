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
