#include "core/feedback.h"

#include <set>

#include "core/validation.h"

namespace hearken {
namespace {

constexpr size_t kMaxLanguageLength = 35;
constexpr size_t kMaxHandleLength = 200;
constexpr size_t kMaxUrlLength = 2000;
constexpr size_t kMaxPostIdLength = 200;
constexpr size_t kMaxPlatformLength = 40;

bool OneLine(const std::string& text, size_t max) {
  return text.size() <= max && IsCleanUtf8(text) && text.find_first_of("\r\n\t") == std::string::npos;
}

bool Blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

const char* FeedbackSourceName(FeedbackSource source) {
  switch (source) {
    case FeedbackSource::kForm: return "form";
    case FeedbackSource::kWidget: return "widget";
    case FeedbackSource::kSocial: return "social";
    case FeedbackSource::kMysteryShopping: return "mystery_shopping";
    case FeedbackSource::kFocusGroup: return "focus_group";
    case FeedbackSource::kInterview: return "interview";
    case FeedbackSource::kRetention: return "retention";
    case FeedbackSource::kApi: break;
  }
  return "api";
}

std::optional<FeedbackSource> ParseFeedbackSource(std::string_view name) {
  for (FeedbackSource s : {FeedbackSource::kForm, FeedbackSource::kWidget, FeedbackSource::kSocial,
                           FeedbackSource::kMysteryShopping, FeedbackSource::kFocusGroup, FeedbackSource::kInterview,
                           FeedbackSource::kRetention, FeedbackSource::kApi})
    if (name == FeedbackSourceName(s)) return s;
  return std::nullopt;
}

bool IsValidPlatformName(std::string_view platform) {
  if (platform.empty() || platform.size() > kMaxPlatformLength) return false;
  for (char c : platform)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

Status ValidateFeedbackTags(const std::vector<std::string>& tags) {
  std::vector<FieldError> fields;
  if (tags.size() > kMaxTags) fields.push_back({"tags", "at most " + std::to_string(kMaxTags) + " tags"});
  std::set<std::string> seen;
  for (size_t i = 0; i < tags.size(); ++i) {
    const std::string at = "tags/" + std::to_string(i);
    if (Blank(tags[i]) || !OneLine(tags[i], kMaxTagLength))
      fields.push_back({at, "must be one line of 1 to 50 bytes"});
    else if (!seen.insert(tags[i]).second)
      fields.push_back({at, "is given twice"});
  }
  if (fields.empty()) return Status::Ok();
  std::string summary;
  for (const FieldError& f : fields) summary += (summary.empty() ? "" : "; ") + f.field + ": " + f.message;
  return Error::InvalidArgument(std::move(summary), std::move(fields));
}

Status ValidateFeedbackItem(const FeedbackItem& item) {
  std::vector<FieldError> fields;
  if (item.text.size() > kMaxFeedbackTextBytes || !IsCleanUtf8(item.text))
    fields.push_back({"text", "must be clean text of at most 20000 bytes"});
  else if (Blank(item.text) && !item.rating)
    fields.push_back({"text", "is required without a rating"});
  if (item.rating.has_value() != item.rating_scale.has_value()) {
    fields.push_back({item.rating ? "rating_scale" : "rating", "rating and rating_scale go together"});
  } else if (item.rating_scale) {
    const int scale = *item.rating_scale;
    if (scale != 5 && scale != 7 && scale != 10 && scale != 100) {
      fields.push_back({"rating_scale", "must be 5, 7, 10 or 100"});
    } else {
      const int low = scale <= 7 ? 1 : 0;
      if (*item.rating < low || *item.rating > scale)
        fields.push_back({"rating", "must be from " + std::to_string(low) + " to " + std::to_string(scale)});
    }
  }
  if (!OneLine(item.site, kMaxNameLength)) fields.push_back({"site", "must be one line of at most 200 bytes"});
  if (!OneLine(item.touchpoint, kMaxNameLength))
    fields.push_back({"touchpoint", "must be one line of at most 200 bytes"});
  if (item.occurred_offset_minutes && (*item.occurred_offset_minutes < -18 * 60 || *item.occurred_offset_minutes > 18 * 60))
    fields.push_back({"occurred_offset_minutes", "must be within ±18 hours"});
  if (!item.occurred_zone.empty() && !IsKnownTimeZone(item.occurred_zone))
    fields.push_back({"occurred_zone", "must be an IANA time zone such as Europe/Zurich"});
  if (item.language.size() > kMaxLanguageLength ||
      item.language.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") !=
          std::string::npos)
    fields.push_back({"language", "must be a language tag such as en or de-CH"});
  if (Status tags = ValidateFeedbackTags(item.tags); !tags.ok())
    for (const FieldError& f : tags.error().fields) fields.push_back(f);
  if (!item.contact_email.empty() && !IsPlausibleEmail(item.contact_email))
    fields.push_back({"contact_email", "must be an e-mail address"});
  if (item.social) {
    const SocialMention& m = *item.social;
    if (!IsValidPlatformName(m.platform))
      fields.push_back({"social/platform", "must be a lower-case name such as twitter (a-z, 0-9, _ - .)"});
    if (Blank(m.post_id) || !OneLine(m.post_id, kMaxPostIdLength))
      fields.push_back({"social/post_id", "must be one line of 1 to 200 bytes"});
    if (!OneLine(m.author_handle, kMaxHandleLength))
      fields.push_back({"social/author_handle", "must be one line of at most 200 bytes"});
    if (!m.url.empty() && (!OneLine(m.url, kMaxUrlLength) ||
                           (m.url.rfind("https://", 0) != 0 && m.url.rfind("http://", 0) != 0) ||
                           m.url.find(' ') != std::string::npos))
      fields.push_back({"social/url", "must be an http(s) URL"});
    if (m.posted_offset_minutes && (*m.posted_offset_minutes < -18 * 60 || *m.posted_offset_minutes > 18 * 60))
      fields.push_back({"social/posted_offset_minutes", "must be within ±18 hours"});
  }
  if (fields.empty()) return Status::Ok();
  std::string summary;
  for (const FieldError& f : fields) summary += (summary.empty() ? "" : "; ") + f.field + ": " + f.message;
  return Error::InvalidArgument(std::move(summary), std::move(fields));
}

}  // namespace hearken
