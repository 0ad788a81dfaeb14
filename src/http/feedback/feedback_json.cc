#include "http/feedback/feedback_json.h"

#include "core/time_format.h"
#include "core/zoned_time.h"

namespace hearken::http {
namespace {

template <typename T>
Json Opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json();
}

}  // namespace

Json FeedbackItemJson(const FeedbackItem& f) {
  Json j{{"id", f.id},
         {"source", FeedbackSourceName(f.source)},
         {"text", f.text},
         {"rating", Opt(f.rating)},
         {"rating_scale", Opt(f.rating_scale)},
         {"customer_id", Opt(f.customer_id)},
         {"segment_id", Opt(f.segment_id)},
         {"site", f.site},
         {"touchpoint", f.touchpoint},
         {"occurred_at", FormatTimestamp(f.occurred_at)},
         {"occurred_offset", f.occurred_offset_minutes ? Json(FormatUtcOffset(*f.occurred_offset_minutes)) : Json()},
         {"occurred_local", FormatZonedTime({f.occurred_at, f.occurred_offset_minutes})},
         {"occurred_zone", f.occurred_zone},
         {"language", f.language},
         {"tags", f.tags},
         {"contact_email", f.contact_email},
         {"complaint_id", Opt(f.complaint_id)},
         {"detail_kind", f.detail_kind},
         {"created_at", FormatTimestamp(f.created_at)},
         {"created_by", f.created_by}};
  if (f.social) {
    const SocialMention& m = *f.social;
    j["social"] = {{"platform", m.platform},
                   {"post_id", m.post_id},
                   {"author_handle", m.author_handle},
                   {"url", m.url},
                   {"posted_at", FormatTimestamp(m.posted_at)},
                   {"posted_local", FormatZonedTime({m.posted_at, m.posted_offset_minutes})}};
  } else {
    j["social"] = nullptr;
  }
  return j;
}

Json SocialImportJson(const SocialImportReport& report, const std::vector<ingest::RejectedRow>& rejected) {
  Json rows = Json::array();
  for (const auto& r : rejected) rows.push_back({{"line", r.line}, {"reason", r.reason}});
  return {{"created", report.created},
          {"duplicates", report.duplicates},
          {"rejected", rows},
          {"created_ids", report.created_ids}};
}

Json WebhookSourceJson(const WebhookSource& s) {
  return {{"name", s.name},
          {"url", "/api/v1/hooks/social/" + s.name},
          {"created_at", FormatTimestamp(s.created_at)},
          {"rotated_at", s.rotated_at ? Json(FormatTimestamp(*s.rotated_at)) : Json()},
          {"previous_valid_until", s.previous_valid_until ? Json(FormatTimestamp(*s.previous_valid_until)) : Json()},
          {"deliveries", s.deliveries},
          {"last_delivery_at", s.last_delivery_at ? Json(FormatTimestamp(*s.last_delivery_at)) : Json()}};
}

std::string SummaryLine(const std::string& text, size_t max_bytes) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  std::string line = text.substr(start, text.find_first_of("\r\n", start) - start);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  if (line.size() <= max_bytes) return line;
  const std::string ellipsis = "\xE2\x80\xA6";
  size_t cut = max_bytes - ellipsis.size();
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  const size_t space = line.rfind(' ', cut);
  if (space != std::string::npos && space > cut / 2) cut = space;
  line.resize(cut);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + ellipsis;
}

ComplaintIntakeFields ComplaintFieldsFor(const FeedbackItem& item, const std::string& summary, bool by_api) {
  ComplaintIntakeFields f;
  f.intake = by_api ? ComplaintIntake::kApi : ComplaintIntake::kStaff;
  switch (item.source) {
    case FeedbackSource::kForm:
    case FeedbackSource::kWidget: f.channel = Channel::kPortal; break;
    case FeedbackSource::kFocusGroup:
    case FeedbackSource::kInterview: f.channel = Channel::kMeeting; break;
    default: f.channel = Channel::kOther; break;
  }
  std::string rating;
  if (item.rating) rating = "rated " + std::to_string(*item.rating) + "/" + std::to_string(item.rating_scale.value_or(5));
  f.summary = !summary.empty() ? summary : SummaryLine(item.text, 120);
  if (f.summary.empty()) f.summary = "Feedback " + std::to_string(item.id) + (rating.empty() ? "" : ", " + rating);
  f.description = item.text;
  if (item.social) {
    f.description += "\n\n" + item.social->platform + " " + item.social->post_id +
                     (item.social->author_handle.empty() ? "" : " by " + item.social->author_handle) +
                     (item.social->url.empty() ? "" : "\n" + item.social->url);
    f.contact_name = item.social->author_handle;
  }
  if (!rating.empty()) f.description += (f.description.empty() ? "" : "\n\n") + std::string("(") + rating + ")";
  f.customer_id = item.customer_id;
  f.site = item.site;
  f.contact_email = item.contact_email;
  f.received_at = item.created_at;  // when it reached us: the SLA clocks start there
  return f;
}

}  // namespace hearken::http
