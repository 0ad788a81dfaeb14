// The feedback item (issue 8, "one feedback model"): what every listening
// channel other than a survey records, its source, rating scale, the social
// mention's detail, and the rules of its fields. The store keeps items
// (store/feedback_store.h, which also describes the tables).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entities.h"
#include "core/result.h"

namespace hearken {

enum class FeedbackSource {
  kForm,             // the public feedback page /f
  kWidget,           // the same form embedded in another site (/f?widget=1)
  kSocial,           // a social-media mention (import or webhook)
  kMysteryShopping,  // a mystery-shopping visit (detail comes later)
  kFocusGroup,       // a focus-group quote (detail comes later)
  kInterview,        // an interview quote (detail comes later)
  kRetention,        // a customer lifecycle event (detail comes later)
  kApi,              // posted by an integrator or entered by staff
};

inline constexpr size_t kMaxFeedbackTextBytes = 20000;
inline constexpr size_t kMaxSocialImportRows = 20000;

// What only a social-media mention has (detail_kind "social_mention").
struct SocialMention {
  std::string platform;       // lower case: "twitter", "facebook", "instagram", ...
  std::string post_id;        // the platform's id of the post; unique per platform
  std::string author_handle;  // "@name" as the platform shows it
  std::string url;            // http(s) link to the post, or empty
  TimePoint posted_at{};      // UTC
  std::optional<int> posted_offset_minutes;  // the UTC offset the time came with
};

struct FeedbackItem {
  Id id = 0;
  FeedbackSource source = FeedbackSource::kApi;
  std::string text;  // decoded plain text, <= kMaxFeedbackTextBytes; may be empty with a rating
  // The rating on its scale: scale 5 or 7 is 1..scale (stars, CSAT),
  // scale 10 or 100 is 0..scale (likelihood, a score). Both or neither.
  std::optional<int> rating;
  std::optional<int> rating_scale;
  std::optional<Id> customer_id;
  std::optional<Id> segment_id;  // when empty and a customer is given: the customer's segment
  std::string site;              // <= kMaxNameLength
  std::string touchpoint;        // where in the journey: "checkout", "store", "call-centre"; <= kMaxNameLength
  TimePoint occurred_at{};       // UTC; the store's clock when left at the epoch
  std::optional<int> occurred_offset_minutes;  // the offset the time came with (minutes east of UTC)
  std::string occurred_zone;                   // or the IANA zone name, when that is what came
  std::string language;                        // BCP 47 tag or empty
  std::vector<std::string> tags;               // <= kMaxTags, each <= kMaxTagLength, no repeats
  std::string contact_email;                   // given on the form to be answered; plausible or empty
  std::optional<Id> complaint_id;              // set when turned into a complaint
  // The channel's own record: "social_mention" with `social`; later
  // "mystery_visit", "focus_group_quote", "lifecycle_event". Empty: none.
  std::string detail_kind;
  std::optional<Id> detail_id;
  std::optional<SocialMention> social;
  TimePoint created_at{};
  std::string created_by;  // actor label
};

// Errors: InvalidArgument naming every bad field at once: "text" (too long,
// not clean text; blank without a rating), "rating"/"rating_scale", "site",
// "touchpoint", "occurred_offset_minutes" (beyond ±18 h), "occurred_zone",
// "language", "tags" / "tags/<i>", "contact_email", and for a social
// mention "social/platform", "social/post_id", "social/author_handle",
// "social/url".
Status ValidateFeedbackItem(const FeedbackItem& item);
// The tags rule alone (SetFeedbackTags). Errors: InvalidArgument "tags", "tags/<i>".
Status ValidateFeedbackTags(const std::vector<std::string>& tags);
// [a-z0-9_.-]{1,40}.
bool IsValidPlatformName(std::string_view platform);

// Stable names in the API and the database.
const char* FeedbackSourceName(FeedbackSource source);
std::optional<FeedbackSource> ParseFeedbackSource(std::string_view name);

}  // namespace hearken
