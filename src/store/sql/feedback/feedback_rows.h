// Rows of the feedback tables (schema 17) and their audit JSON, shared by
// sql_store_feedback.cc and sql_store_feedback_hooks.cc. Internal to
// store_sql.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/feedback_store.h"
#include "store/sql/sql_connection.h"
#include "store/sql/sql_store_internal.h"

namespace hearken::sql::feedback_rows {

inline constexpr const char* kSocialDetail = "social_mention";

inline constexpr const char* kFeedbackColumns =
    "f.id, f.source, f.text, f.rating, f.rating_scale, f.customer_id, f.segment_id, f.site, f.touchpoint, "
    "f.occurred_at, f.occurred_offset_minutes, f.occurred_zone, f.language, f.tags, f.contact_email, "
    "f.complaint_id, f.detail_kind, f.detail_id, f.created_at, f.created_by, m.platform, m.post_id, "
    "m.author_handle, m.url, m.posted_at, m.posted_offset_minutes";
inline constexpr const char* kFeedbackFrom =
    " FROM feedback_items f LEFT JOIN social_mentions m ON m.feedback_id = f.id";

inline std::optional<int> OptSmall(const SqlRow& r, size_t i) {
  auto v = r.OptInt(i);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

inline std::vector<std::string> TagsFromText(const std::string& text) {
  std::vector<std::string> tags;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_array())
    for (const auto& t : json)
      if (t.is_string()) tags.push_back(t.get<std::string>());
  return tags;
}

inline FeedbackItem FeedbackFromRow(const SqlRow& r) {
  FeedbackItem f;
  f.id = r.Int(0);
  f.source = ParseFeedbackSource(r.Text(1)).value_or(FeedbackSource::kApi);
  f.text = r.Text(2);
  f.rating = OptSmall(r, 3);
  f.rating_scale = OptSmall(r, 4);
  f.customer_id = r.OptInt(5);
  f.segment_id = r.OptInt(6);
  f.site = r.Text(7);
  f.touchpoint = r.Text(8);
  f.occurred_at = r.Time(9);
  f.occurred_offset_minutes = OptSmall(r, 10);
  f.occurred_zone = r.Text(11);
  f.language = r.Text(12);
  f.tags = TagsFromText(r.Text(13));
  f.contact_email = r.Text(14);
  f.complaint_id = r.OptInt(15);
  f.detail_kind = r.Text(16);
  f.detail_id = r.OptInt(17);
  f.created_at = r.Time(18);
  f.created_by = r.Text(19);
  if (!r.IsNull(20)) {
    SocialMention m;
    m.platform = r.Text(20);
    m.post_id = r.Text(21);
    m.author_handle = r.Text(22);
    m.url = r.Text(23);
    m.posted_at = r.Time(24);
    m.posted_offset_minutes = OptSmall(r, 25);
    f.social = std::move(m);
  }
  return f;
}

// What the audit trail keeps of an item. Its text, e-mail and author handle
// are personal (core/personal_seal.h "feedback_item"): with a customer
// known they go in and are sealed with the customer's data key; without
// one the trail keeps only their lengths.
inline nlohmann::json FeedbackAuditJson(const FeedbackItem& f) {
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  nlohmann::json j{{"source", FeedbackSourceName(f.source)},
                   {"rating", opt(f.rating)},
                   {"rating_scale", opt(f.rating_scale)},
                   {"customer_id", opt(f.customer_id)},
                   {"segment_id", opt(f.segment_id)},
                   {"site", f.site},
                   {"touchpoint", f.touchpoint},
                   {"language", f.language},
                   {"tags", f.tags}};
  const bool personal = f.customer_id.has_value();
  if (personal) {
    j["text"] = f.text;
    j["contact_email"] = f.contact_email;
  } else {
    j["text_bytes"] = f.text.size();
    j["contact_email_given"] = !f.contact_email.empty();
  }
  if (f.social) {
    j["platform"] = f.social->platform;
    j["post_id"] = f.social->post_id;
    if (personal) j["author_handle"] = f.social->author_handle;
  }
  return j;
}

}  // namespace hearken::sql::feedback_rows
