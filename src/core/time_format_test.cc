#include "core/time_format.h"

#include <gtest/gtest.h>

namespace hearken {
namespace {

TEST(TimeFormatTest, FormatsUtcWithMicroseconds) {
  auto t = ParseTimestamp("2026-11-24T16:45:58.123Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestamp(*t), "2026-11-24T16:45:58.123000Z");
}

TEST(TimeFormatTest, RoundTripsItsOwnOutput) {
  auto t = ParseTimestamp("1999-12-31T23:59:59.999999Z");
  ASSERT_TRUE(t.ok());
  auto again = ParseTimestamp(FormatTimestamp(*t));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*t, *again);
}

TEST(TimeFormatTest, AppliesOffsets) {
  auto a = ParseTimestamp("2026-03-29T03:30:00+02:00");
  auto b = ParseTimestamp("2026-03-29T01:30:00Z");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(TimeFormatTest, AcceptsPostgresOutputAndDates) {
  auto pg = ParseTimestamp("2026-11-24 16:45:58.5+00");
  ASSERT_TRUE(pg.ok());
  EXPECT_EQ(FormatTimestamp(*pg), "2026-11-24T16:45:58.500000Z");
  auto date = ParseTimestamp("2026-02-01");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(FormatTimestamp(*date), "2026-02-01T00:00:00.000000Z");
}

TEST(TimeFormatTest, RejectsNonsense) {
  for (const char* bad : {"", "yesterday", "2026-02-30", "2026-13-01T00:00Z", "2026-01-01T25:00Z",
                          "2026-01-01T10:00", "2026-01-01T10:00Zjunk", "2026-01-01T10:00:00.Z"}) {
    auto r = ParseTimestamp(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace hearken
