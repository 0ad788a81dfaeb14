#include "core/audit_checkpoint.h"

#include <gtest/gtest.h>

#include "core/time_format.h"

namespace hearken {
namespace {

AuditSigningKey KeyOf(char fill) { return *AuditSigningKeyFromSeed(std::string(kAuditKeySeedBytes, fill)); }

const TimePoint kAt = *ParseTimestamp("2026-03-01T10:00:00.000001Z");
const std::string kHash(64, 'a');

TEST(AuditCheckpointTest, ASignedCheckpointVerifiesWithThePublicHalfOnly) {
  AuditSigningKey key = KeyOf(1);
  EXPECT_EQ(key.public_key.size(), kAuditPublicKeyBytes);
  AuditCheckpoint c = SignCheckpoint(7, kHash, kAt, key);
  EXPECT_TRUE(CheckpointSignedBy(c, key.public_key));
  EXPECT_FALSE(CheckpointSignedBy(c, KeyOf(2).public_key));
  for (auto change : std::vector<void (*)(AuditCheckpoint&)>{
           [](AuditCheckpoint& x) { x.seq = 8; }, [](AuditCheckpoint& x) { x.hash[0] = 'b'; },
           [](AuditCheckpoint& x) { x.at += std::chrono::microseconds(1); },
           [](AuditCheckpoint& x) { x.signature[0] = x.signature[0] == '0' ? '1' : '0'; }}) {
    AuditCheckpoint forged = c;
    change(forged);
    EXPECT_FALSE(CheckpointSignedBy(forged, key.public_key));
  }
}

TEST(AuditCheckpointTest, TheSeedDeterminesTheKey) {
  EXPECT_EQ(KeyOf(3).public_key, KeyOf(3).public_key);
  EXPECT_NE(KeyOf(3).public_key, KeyOf(4).public_key);
  EXPECT_FALSE(AuditSigningKeyFromSeed("short").ok());
}

TEST(AuditCheckpointTest, LinesRoundTrip) {
  AuditCheckpoint c = SignCheckpoint(7, kHash, kAt, KeyOf(1));
  auto parsed = ParseCheckpointLine(CheckpointLine(c));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->seq, 7);
  EXPECT_EQ(parsed->hash, kHash);
  EXPECT_EQ(parsed->at, kAt);
  EXPECT_EQ(parsed->signature, c.signature);
  EXPECT_EQ(CheckpointLine(c).find('\n'), std::string::npos);
  for (const char* bad : {"", "{}", "[1]", "{\"seq\":\"1\",\"hash\":\"\",\"at\":\"x\",\"key\":\"\",\"signature\":\"\"}",
                          "not json"})
    EXPECT_FALSE(ParseCheckpointLine(bad).ok()) << bad;
}

TEST(AuditCheckpointTest, CheckingAFileKeepsTheGoodLinesAndNamesTheForgedOnes) {
  AuditSigningKey key = KeyOf(1);
  const std::string text = CheckpointLine(SignCheckpoint(3, kHash, kAt, key)) + "\n\n" +
                           CheckpointLine(SignCheckpoint(5, kHash, kAt, KeyOf(9))) + "\n" + "garbage\n" +
                           CheckpointLine(SignCheckpoint(0, "", kAt, key)) + "\n" +
                           CheckpointLine(SignCheckpoint(4, kHash, kAt + std::chrono::hours(1), key)) + "\n";
  CheckedCheckpoints checked = CheckCheckpoints(text, key.public_key);
  EXPECT_EQ(checked.good, 3);
  ASSERT_EQ(checked.anchors.size(), 2u);  // the empty chain's anchors nothing
  EXPECT_EQ(checked.anchors[0].seq, 3);
  EXPECT_EQ(checked.anchors[1].seq, 4);
  EXPECT_NE(checked.anchors[1].label.find("2026-03-01T11:00"), std::string::npos);
  EXPECT_EQ(checked.last.seq, 4);
  ASSERT_EQ(checked.problems.size(), 2u);
  EXPECT_EQ(checked.problems[0].kind, "forged");
  EXPECT_EQ(checked.problems[0].seq, 5);
  EXPECT_NE(checked.problems[0].message.find("line 3"), std::string::npos);
  EXPECT_NE(checked.problems[1].message.find("line 4"), std::string::npos);
}

TEST(AuditCheckpointTest, HexRoundTripsAndRefusesOtherSizes) {
  EXPECT_EQ(HexEncode(std::string("\x01\xab", 2)), "01ab");
  EXPECT_EQ(*HexDecode("01ab", 2), std::string("\x01\xab", 2));
  EXPECT_FALSE(HexDecode("01ab", 3).ok());
  EXPECT_FALSE(HexDecode("01zz", 2).ok());
}

}  // namespace
}  // namespace hearken
