// The in-app notifications staff receive (/api/v1/notifications): the
// records, one page of them, the unread count and the per-kind preferences,
// with a readable label for each kind in the order the server lists them.
import { label } from './format';

export type NotificationKind =
  | 'assigned'
  | 'complainant_replied'
  | 'complainant_rated'
  | 'sla_warning'
  | 'sla_breached'
  | 'action_due';

export interface Notification {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** An app path such as "/complaints/12", or "" when there is nothing to open. */
  link: string;
  complaint_id: number | null;
  created_at: string;
  read_at: string | null;
}

/** GET /api/v1/notifications: newest first. */
export interface NotificationList {
  items: Notification[];
  total: number;
  limit: number;
  offset: number;
}

/** GET /api/v1/notifications/unread-count, and the answer to POST …/read. */
export interface UnreadCount {
  unread: number;
}

/** POST /api/v1/notifications/read: some by id, or all of them. */
export type MarkRead = { ids: number[] } | { all: true };

export interface NotificationPreference {
  kind: NotificationKind;
  in_app: boolean;
  email: boolean;
}

/** GET and PUT /api/v1/notifications/preferences: one per kind, in a fixed order. */
export interface NotificationPreferences {
  items: NotificationPreference[];
}

/** Each kind with what it means to the person told, in the server's order. */
export const NOTIFICATION_KINDS: readonly { kind: NotificationKind; label: string }[] = [
  { kind: 'assigned', label: 'A case is assigned to me' },
  { kind: 'complainant_replied', label: 'The complainant replies' },
  { kind: 'complainant_rated', label: 'The complainant rates the handling' },
  { kind: 'sla_warning', label: 'A case of mine nears its SLA' },
  { kind: 'sla_breached', label: 'A case of mine breaches its SLA' },
  { kind: 'action_due', label: 'A corrective action I own falls due' },
];

/** The label of `kind`; an unknown kind (a newer server) is shown by its name. */
export function kindLabel(kind: string): string {
  const known = NOTIFICATION_KINDS.find((k) => k.kind === kind);
  return known ? known.label : label(kind);
}
