// Social-mention files as listening tools export them: the fixture CSV and
// JSON under testdata hold quoted commas and line breaks, HTML entities,
// offsets +05:30 and -08:00, a duplicate and rows to reject.
#include "ingest/social_mentions.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace hearken::ingest {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(HEARKEN_INGEST_TESTDATA) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SocialMentionsTest, ReadsTheCsvFixture) {
  auto parsed = ParseSocialCsv(Fixture("social_mentions.csv"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  // 7 rows: 5 mentions (the duplicate is kept for the store to count), 2 rejected.
  ASSERT_EQ(parsed->items.size(), 5u);
  ASSERT_EQ(parsed->rejected.size(), 2u);
  EXPECT_EQ(parsed->rejected[0].line, 6);
  EXPECT_NE(parsed->rejected[0].reason.find("posted_at"), std::string::npos);
  EXPECT_EQ(parsed->rejected[1].line, 7);
  EXPECT_NE(parsed->rejected[1].reason.find("text"), std::string::npos);

  const FeedbackItem& priya = parsed->items[0];
  EXPECT_EQ(priya.source, FeedbackSource::kSocial);
  EXPECT_EQ(priya.social->platform, "twitter");  // lower-cased
  EXPECT_EQ(priya.social->post_id, "1764000000000000001");
  EXPECT_EQ(priya.social->author_handle, "@priya_k");
  EXPECT_EQ(priya.text, "Waited 40 minutes at the Andheri branch, then told to \"come back tomorrow\" \xF0\x9F\x98\xA0");
  EXPECT_EQ(FormatTimestamp(priya.social->posted_at), "2026-03-01T03:45:00.000000Z");
  EXPECT_EQ(priya.social->posted_offset_minutes, 330);
  EXPECT_EQ(priya.occurred_offset_minutes, 330);
  EXPECT_EQ(priya.tags, (std::vector<std::string>{"queue", "branch"}));

  const FeedbackItem& dan = parsed->items[1];
  EXPECT_EQ(dan.text, "Props to the Market St team, fast, friendly & they fixed my card in 5 min");
  EXPECT_EQ(FormatTimestamp(dan.social->posted_at), "2026-03-01T06:10:05.000000Z");
  EXPECT_EQ(dan.social->posted_offset_minutes, -480);

  EXPECT_EQ(parsed->items[2].text, "Service \xC3\xA9tait parfait, merci \xC3\xA0 Julie !");
  EXPECT_EQ(parsed->items[2].social->author_handle, "Caf\xC3\xA9 Lumi\xC3\xA8re");
  EXPECT_EQ(parsed->items[2].language, "fr");
  EXPECT_EQ(parsed->items[3].social->post_id, "1764000000000000001");  // the duplicate

  const FeedbackItem& reddit = parsed->items[4];
  EXPECT_EQ(reddit.text, "Line 1 of a long post\nline 2 with a comma, and \"quotes\"");
  EXPECT_EQ(reddit.social->posted_offset_minutes, 60);
  EXPECT_EQ(parsed->lines[4], 8);
}

TEST(SocialMentionsTest, ReadsTheJsonFixture) {
  auto parsed = ParseSocialJson(Fixture("social_mentions.json"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->items.size(), 3u);
  EXPECT_EQ(parsed->items[0].text, "Loved it \xE2\x99\xA5 \xE2\x80\x94 10/10");
  EXPECT_EQ(parsed->items[0].social->author_handle, "@mumbai_mo");
  EXPECT_EQ(parsed->items[0].social->posted_offset_minutes, 330);
  EXPECT_EQ(parsed->items[0].tags, std::vector<std::string>{"praise"});
  EXPECT_EQ(parsed->items[1].text, "App down again \xF0\x9F\x98\xA1");
  EXPECT_EQ(parsed->items[1].social->posted_offset_minutes, -480);
  ASSERT_EQ(parsed->rejected.size(), 2u);
  EXPECT_EQ(parsed->rejected[0].line, 4);
  EXPECT_NE(parsed->rejected[0].reason.find("text"), std::string::npos);
  EXPECT_EQ(parsed->rejected[1].line, 5);
}

TEST(SocialMentionsTest, RefusesFilesThatCannotBeRead) {
  EXPECT_FALSE(ParseSocialCsv("").ok());
  EXPECT_FALSE(ParseSocialCsv("platform,post_id,text\nx,1,hi\n").ok());  // no posted_at column
  EXPECT_FALSE(ParseSocialCsv("platform,post_id,posted_at,text\n\"x,1").ok());  // open quote
  EXPECT_FALSE(ParseSocialJson("{not json").ok());
  EXPECT_FALSE(ParseSocialJson("42").ok());
  auto one = ParseSocialJson(R"({"platform":"x","post_id":"1","posted_at":"2026-03-01T00:00:00Z","text":"hi"})");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->items.size(), 1u);
}

TEST(SocialMentionsTest, RowsWithTheWrongNumberOfFieldsAreRejectedWithTheirLine) {
  auto parsed = ParseSocialCsv("platform,post_id,posted_at,text\nx,1,2026-03-01T00:00:00Z\nx,2,2026-03-01T00:00:00Z,ok\n");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->rejected.size(), 1u);
  EXPECT_EQ(parsed->rejected[0].line, 2);
  EXPECT_EQ(parsed->items.size(), 1u);
}

}  // namespace
}  // namespace hearken::ingest
