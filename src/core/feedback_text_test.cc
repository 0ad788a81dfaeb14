// HTML entity decoding, times with their UTC offsets and webhook signatures:
// the pure pieces under the feedback channels (issue 8).
#include <gtest/gtest.h>

#include "core/html_entities.h"
#include "core/time_format.h"
#include "core/webhook_signature.h"
#include "core/zoned_time.h"

namespace hearken {
namespace {

TEST(HtmlEntitiesTest, DecodesNamedEntities) {
  EXPECT_EQ(DecodeHtmlEntities("Fish &amp; chips &lt;3 &quot;great&quot; &apos;ok&apos;"),
            "Fish & chips <3 \"great\" 'ok'");
  EXPECT_EQ(DecodeHtmlEntities("caf&eacute; &euro;5 &mdash; &hellip;"), "caf\xC3\xA9 \xE2\x82\xAC" "5 \xE2\x80\x94 \xE2\x80\xA6");
  EXPECT_EQ(DecodeHtmlEntities("&nbsp;"), "\xC2\xA0");
  EXPECT_EQ(DecodeHtmlEntities("&Omega;&omega;"), "\xCE\xA9\xCF\x89");
}

TEST(HtmlEntitiesTest, DecodesDecimalAndHexReferences) {
  EXPECT_EQ(DecodeHtmlEntities("it&#39;s &#x27;fine&#X27;"), "it's 'fine'");
  EXPECT_EQ(DecodeHtmlEntities("&#128512; &#x1F600;"), "\xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
  EXPECT_EQ(DecodeHtmlEntities("&#233"), "\xC3\xA9");  // without ';' as browsers read it
}

TEST(HtmlEntitiesTest, BadCodePointsBecomeTheReplacementCharacter) {
  EXPECT_EQ(DecodeHtmlEntities("&#0;"), "\xEF\xBF\xBD");
  EXPECT_EQ(DecodeHtmlEntities("&#xD800;"), "\xEF\xBF\xBD");
  EXPECT_EQ(DecodeHtmlEntities("&#x110000;"), "\xEF\xBF\xBD");
  EXPECT_EQ(DecodeHtmlEntities("&#99999999999999999999;"), "\xEF\xBF\xBD");
}

TEST(HtmlEntitiesTest, LeavesWhatIsNoReferenceAlone) {
  EXPECT_EQ(DecodeHtmlEntities("AT&T & co &unknown; &amp &#; &#x; &"), "AT&T & co &unknown; &amp &#; &#x; &");
  EXPECT_EQ(DecodeHtmlEntities("<b>bold</b>"), "<b>bold</b>");
  EXPECT_EQ(DecodeHtmlEntities(""), "");
}

TEST(HtmlEntitiesTest, DecodesOnceOnly) {
  EXPECT_EQ(DecodeHtmlEntities("&amp;lt;"), "&lt;");
  EXPECT_EQ(DecodeHtmlEntities("&amp;amp;"), "&amp;");
}

TEST(ZonedTimeTest, KeepsThePositiveAndNegativeOffset) {
  auto india = ParseZonedTime("2026-03-01T09:15:00+05:30");
  ASSERT_TRUE(india.ok()) << india.error().message;
  EXPECT_EQ(FormatTimestamp(india->utc), "2026-03-01T03:45:00.000000Z");
  EXPECT_EQ(india->offset_minutes, 330);
  EXPECT_EQ(FormatZonedTime(*india), "2026-03-01T09:15:00+05:30");

  auto pacific = ParseZonedTime("2026-02-28T22:10:05-08:00");
  ASSERT_TRUE(pacific.ok());
  EXPECT_EQ(FormatTimestamp(pacific->utc), "2026-03-01T06:10:05.000000Z");
  EXPECT_EQ(pacific->offset_minutes, -480);
  EXPECT_EQ(FormatZonedTime(*pacific), "2026-02-28T22:10:05-08:00");
}

TEST(ZonedTimeTest, AcceptsTheIso8601OffsetForms) {
  auto compact = ParseZonedTime("2026-03-01T09:15+0530");
  ASSERT_TRUE(compact.ok());
  EXPECT_EQ(compact->offset_minutes, 330);
  auto hours = ParseZonedTime("2026-03-01 09:15:00-03");
  ASSERT_TRUE(hours.ok());
  EXPECT_EQ(hours->offset_minutes, -180);
  auto z = ParseZonedTime("2026-03-01T09:15:00.250Z");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->offset_minutes, 0);
  EXPECT_EQ(FormatZonedTime(*z), "2026-03-01T09:15:00Z");
  auto none = ParseZonedTime("2026-03-01T09:15:00");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->offset_minutes.has_value());
  EXPECT_EQ(FormatUtcOffset(-570), "-09:30");
}

TEST(ZonedTimeTest, RefusesWhatIsNoTime) {
  EXPECT_FALSE(ParseZonedTime("yesterday").ok());
  EXPECT_FALSE(ParseZonedTime("2026-03-01T09:15:00+25:00").ok());
  EXPECT_FALSE(ParseZonedTime("2026-03-01T09:15:00+05:3").ok());
  EXPECT_FALSE(ParseZonedTime("2026-03-01T09:15:00+05:75").ok());
  EXPECT_FALSE(ParseZonedTime("2026-02-30T09:15:00Z").ok());
}

// Computed outside the project:
//   printf '1765150000.{"post_id":"42","text":"hi"}' | openssl dgst -sha256 -hmac 'whsec_test_secret'
constexpr const char* kOpensslSignature = "06d83b20d7b66427ac4ad46056cf1de82830fdfb1f69115846c342504bf3b9bf";
constexpr const char* kBody = R"({"post_id":"42","text":"hi"})";
constexpr std::int64_t kSent = 1765150000;

TimePoint At(std::int64_t unix_seconds) { return TimePoint(std::chrono::seconds(unix_seconds)); }

TEST(WebhookSignatureTest, MatchesOpenSsl) {
  EXPECT_EQ(WebhookSignature("whsec_test_secret", kSent, kBody), kOpensslSignature);
}

TEST(WebhookSignatureTest, AcceptsASignatureComputedElsewhere) {
  const std::string header = std::string("t=1765150000,v1=") + kOpensslSignature;
  EXPECT_TRUE(VerifyWebhookSignature({"whsec_test_secret"}, header, kBody, At(kSent + 10)).ok());
  // Upper-case hex and spaces after commas are fine; so is a second, stale secret.
  std::string upper = kOpensslSignature;
  for (char& c : upper) c = static_cast<char>(std::toupper(c));
  EXPECT_TRUE(VerifyWebhookSignature({"old", "whsec_test_secret"}, "t=1765150000, v1=" + upper, kBody, At(kSent)).ok());
}

TEST(WebhookSignatureTest, AcceptsItsOwnSignature) {
  const std::string header = WebhookSignatureHeader("s3cret", kSent, "body");
  EXPECT_TRUE(VerifyWebhookSignature({"s3cret"}, header, "body", At(kSent - 299)).ok());
}

TEST(WebhookSignatureTest, RefusesATamperedBodyAWrongSecretAndAnOldTimestamp) {
  const std::string header = std::string("t=1765150000,v1=") + kOpensslSignature;
  auto tampered = VerifyWebhookSignature({"whsec_test_secret"}, header, R"({"post_id":"43","text":"hi"})", At(kSent));
  EXPECT_EQ(tampered.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(tampered.error().message, "signature does not match");
  EXPECT_FALSE(VerifyWebhookSignature({"another"}, header, kBody, At(kSent)).ok());
  auto old = VerifyWebhookSignature({"whsec_test_secret"}, header, kBody, At(kSent + 301));
  EXPECT_NE(old.error().message.find("timestamp"), std::string::npos);
  EXPECT_FALSE(VerifyWebhookSignature({"whsec_test_secret"}, header, kBody, At(kSent - 301)).ok());
  // The timestamp is signed too: moving it breaks the signature.
  EXPECT_FALSE(VerifyWebhookSignature({"whsec_test_secret"}, std::string("t=1765150001,v1=") + kOpensslSignature,
                                      kBody, At(kSent)).ok());
}

TEST(WebhookSignatureTest, RefusesMalformedHeaders) {
  for (const char* bad : {"", "t=1", "v1=abc", "t=x,v1=06d8", "t=1765150000", "t=1,t=2,v1=" "06d83b20d7b66427ac4ad46056cf1de82830fdfb1f69115846c342504bf3b9bf"}) {
    auto r = VerifyWebhookSignature({"whsec_test_secret"}, bad, kBody, At(kSent));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message, "signature header malformed") << bad;
  }
}

}  // namespace
}  // namespace hearken
