// Feedback (ISO 9001 9.1.2, ISO 10004 "gather"; issue 8, "one feedback
// model"): every listening channel that is not a survey — feedback forms and
// the embeddable widget, social-media mentions, the API, and later mystery
// shopping, focus groups and interviews, retention events — becomes one
// feedback item: source, text, optional rating on its scale, customer and
// segment when known, site, touchpoint, when it happened (UTC plus the
// offset or zone it came with), language and tags. Any item can be turned
// into a complaint with one action; the link is kept on both sides.
// Part of Store (store.h); the contracts there hold.
//
// The shape (schema 17, migrations/*/0017_feedback.sql):
// - feedback_items: the common fields, one row per item, and
//   (detail_kind, detail_id) naming the row of the channel's own table
//   that holds what only that channel has. Social mentions are the first
//   such table (social_mentions, UNIQUE (platform, post_id)); mystery
//   shopping visits, focus-group quotes and lifecycle events add their own
//   tables and detail kinds later without touching the items or their
//   filters.
// - feedback_tags (feedback_id, tag): the tags as rows, indexed by tag, so
//   the tag filter is an index lookup; the item also keeps them as a JSON
//   array for reading.
// - webhook_sources: the secret of each incoming-webhook source, sealed
//   with the server's data-wrapping key (never readable from the database,
//   never in the audit trail, shown once when made); webhook_deliveries:
//   the delivery ids seen per source, so a replay is refused.
//
// Audit: entity "feedback_item" (create, tag, complaint); the text, e-mail
// and author handle are personal: with a customer known they are sealed
// with the customer's data key (core/personal_seal.h) as a complaint's text
// is, and without one the trail keeps only their lengths. Entity
// "webhook_source" (create, rotate) never holds the secret.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/complaint.h"
#include "core/feedback.h"
#include "core/result.h"
#include "store/store_types.h"

namespace hearken {

struct FeedbackFilter {
  std::vector<FeedbackSource> sources;  // any of these
  std::optional<TimePoint> from;        // occurred_at >= from
  std::optional<TimePoint> to;          // occurred_at < to
  std::optional<Id> customer_id;
  std::optional<Id> segment_id;
  std::string site;        // exact
  std::string touchpoint;  // exact
  std::string tag;         // exact
  std::optional<int> rating_min;  // rating >= (items without a rating do not match)
  std::optional<int> rating_max;
  std::optional<bool> has_complaint;
  std::string search;      // part of the text or the author handle, case-insensitive
};

// What a batch of social mentions did (import or one webhook delivery).
struct SocialImportReport {
  std::int64_t created = 0;
  std::int64_t duplicates = 0;  // (platform, post_id) already stored or earlier in the batch
  std::vector<Id> created_ids;
};

// An incoming-webhook source as staff see it: never its secret.
struct WebhookSource {
  std::string name;  // [a-z0-9_-]{1,40}, the {source} of /api/v1/hooks/social/{source}
  TimePoint created_at{};
  std::optional<TimePoint> rotated_at;
  // While set and in the future, the secret before the last rotation is
  // still accepted, so the sender can switch over.
  std::optional<TimePoint> previous_valid_until;
  std::int64_t deliveries = 0;  // filled on reads
  std::optional<TimePoint> last_delivery_at;
};

// How long the secret before a rotation is still accepted.
inline constexpr std::chrono::hours kWebhookRotationGrace{24};

class FeedbackStore {
 public:
  virtual ~FeedbackStore() = default;

  // Stores one item (with its social detail when source is kSocial and
  // `social` is set); id, complaint_id, detail and times are made here
  // (occurred_at defaults to now). Audited "create". Errors:
  // ValidateFeedbackItem's; InvalidArgument "customer_id" / "segment_id"
  // (unknown); AlreadyExists "social/post_id" for a (platform, post_id)
  // already stored.
  virtual Result<FeedbackItem> CreateFeedback(const WriteContext& ctx, const FeedbackItem& item) = 0;
  // Stores every mention of `items` (each source kSocial with `social`) in
  // one transaction, each with its audit entry; one whose (platform,
  // post_id) is stored already, or came earlier in `items`, is dropped and
  // counted. Errors: InvalidArgument naming "rows/<i>/<field>" (nothing is
  // written then), "rows" (more than kMaxSocialImportRows).
  virtual Result<SocialImportReport> ImportSocialMentions(const WriteContext& ctx,
                                                         const std::vector<FeedbackItem>& items) = 0;
  // Errors: NotFound.
  virtual Result<FeedbackItem> GetFeedback(Id id) = 0;
  // Newest first by default; sort "occurred_at", "created_at", "rating",
  // "id". Errors: InvalidArgument "sort", "limit", "offset", filter text.
  virtual Result<Page<FeedbackItem>> ListFeedback(const FeedbackFilter& filter, const ListOptions& options) = 0;
  // Replaces the item's tags. Audited "tag". Errors: NotFound;
  // InvalidArgument "tags" / "tags/<i>".
  virtual Result<FeedbackItem> SetFeedbackTags(const WriteContext& ctx, Id id, const std::vector<std::string>& tags) = 0;
  // Files a complaint from the item and links both in one transaction: the
  // complaint (intake kApi... as `fields` say: the caller maps the item)
  // with its own "create" audit entry whose reason names the item, the
  // item's complaint_id set and audited "complaint". Errors: NotFound;
  // AlreadyExists naming "complaint_id" when the item was turned into a
  // complaint already (the message names that complaint's id and
  // reference); the errors of ComplaintStore::CreateComplaint.
  virtual Result<Complaint> FileComplaintFromFeedback(const WriteContext& ctx, Id id,
                                                      const ComplaintIntakeFields& fields,
                                                      const std::string& status_token_hash) = 0;

  // ---- Incoming webhooks ----
  // Creates the source with `secret`, or rotates it: the new secret holds
  // from now and the previous one for kWebhookRotationGrace. The secret is
  // sealed with the server key. Errors: InvalidArgument "name", "secret"
  // (fewer than 24 bytes); FailedPrecondition when the store has no
  // sealing key (UseSealingKey).
  virtual Result<WebhookSource> SetWebhookSecret(const WriteContext& ctx, const std::string& name,
                                                 const std::string& secret) = 0;
  virtual Result<std::vector<WebhookSource>> ListWebhookSources() = 0;
  // The secrets a delivery may be signed with at `now` (the current one
  // first). Errors: NotFound (no such source); FailedPrecondition (no
  // sealing key, or sealed by another key).
  virtual Result<std::vector<std::string>> WebhookSecrets(const std::string& name, TimePoint now) = 0;
  // Records delivery `delivery_id` of source `name` and stores its mentions
  // as ImportSocialMentions does, in one transaction. Errors: those of
  // ImportSocialMentions; NotFound (source); AlreadyExists naming
  // "delivery_id" when the source delivered that id before (nothing is
  // stored); InvalidArgument "delivery_id" (empty, over 200 bytes).
  virtual Result<SocialImportReport> ReceiveWebhookDelivery(const WriteContext& ctx, const std::string& name,
                                                           const std::string& delivery_id,
                                                           const std::vector<FeedbackItem>& items) = 0;
};

}  // namespace hearken
