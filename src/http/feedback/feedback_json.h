// The JSON of feedback at the HTTP edge (docs/API.md "Feedback (issue 8)"):
// an item with its social detail, the import report, a webhook source; the
// complaint fields an item maps to; and the social-mention body of an
// import or webhook, read by ingest/social_mentions.h.
#pragma once

#include <string>
#include <vector>

#include "core/json_codec.h"
#include "ingest/social_mentions.h"
#include "store/feedback_store.h"

namespace hearken::http {

Json FeedbackItemJson(const FeedbackItem& item);
// {created, duplicates, rejected: [{line, reason}], created_ids}.
Json SocialImportJson(const SocialImportReport& report, const std::vector<ingest::RejectedRow>& rejected);
Json WebhookSourceJson(const WebhookSource& source);

// The complaint an item becomes: its text as the description, a summary
// from the first line (or `summary` when given), its customer, site and
// contact e-mail, the channel its source maps to (form and widget: portal;
// focus groups and interviews: meeting; the rest: other), intake staff or
// api as the caller is, received when the item reached us (its created_at).
ComplaintIntakeFields ComplaintFieldsFor(const FeedbackItem& item, const std::string& summary, bool by_api);

// The first line of `text`, cut at a word boundary to at most `max_bytes`
// (whole UTF-8 characters), with "…" when cut.
std::string SummaryLine(const std::string& text, size_t max_bytes);

}  // namespace hearken::http
