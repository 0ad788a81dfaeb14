// Feedback items and their neighbours as GET /api/v1/feedback returns them
// (docs/API.md "Feedback (issue 8)").
import type { Id } from '../../types';

export const FEEDBACK_SOURCES = ['form', 'widget', 'social', 'mystery_shopping', 'focus_group', 'interview', 'retention', 'api'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

export interface SocialMention {
  platform: string;
  post_id: string;
  author_handle: string;
  url: string;
  posted_at: string;
  posted_local: string;
}

export interface FeedbackItem {
  id: Id;
  source: FeedbackSource;
  text: string;
  rating: number | null;
  rating_scale: number | null;
  customer_id: Id | null;
  segment_id: Id | null;
  site: string;
  touchpoint: string;
  occurred_at: string;
  occurred_offset: string | null;
  occurred_local: string;
  occurred_zone: string;
  language: string;
  tags: string[];
  contact_email: string;
  complaint_id: Id | null;
  detail_kind: string;
  social: SocialMention | null;
  created_at: string;
  created_by: string;
}

export interface SocialImportReport {
  created: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
  created_ids: Id[];
}

export interface WebhookSource {
  name: string;
  url: string;
  created_at: string;
  rotated_at: string | null;
  previous_valid_until: string | null;
  deliveries: number;
  last_delivery_at: string | null;
  secret?: string;
}

/** "4/5", "9/10" or "". */
export function ratingText(item: Pick<FeedbackItem, 'rating' | 'rating_scale'>): string {
  return item.rating === null ? '' : `${item.rating}/${item.rating_scale ?? 5}`;
}
