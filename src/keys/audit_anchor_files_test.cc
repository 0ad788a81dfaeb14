#include "keys/audit_anchor_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/time_format.h"

namespace hearken::keys {
namespace {

class AuditAnchorFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("hearken-anchor-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

unsigned Mode(const std::filesystem::path& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 0777 : 01000;
}

TEST_F(AuditAnchorFilesTest, AMissingKeyIsCreatedPrivateWithItsPublicHalfBeside) {
  const std::string path = DefaultAuditKeyPath((dir_ / "keys").string());
  auto first = LoadOrCreateAuditKey(path);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_EQ(Mode(dir_ / "keys"), 0700u);
  EXPECT_EQ(Mode(AuditPublicKeyPath(path)), 0644u);
  auto public_key = ReadAuditPublicKey(AuditPublicKeyPath(path));
  ASSERT_TRUE(public_key.ok()) << public_key.error().message;
  EXPECT_EQ(*public_key, first->key.public_key);
  EXPECT_EQ(*ReadAuditPublicKey(HexEncode(first->key.public_key)), first->key.public_key);
  auto second = LoadOrCreateAuditKey(path);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->key.secret_key, first->key.secret_key);
  // A public file replaced by someone else's key is put right from the secret.
  std::filesystem::remove(AuditPublicKeyPath(path));
  { std::ofstream(AuditPublicKeyPath(path)) << std::string(64, 'a') << "\n"; }
  ASSERT_TRUE(LoadOrCreateAuditKey(path).ok());
  EXPECT_EQ(*ReadAuditPublicKey(AuditPublicKeyPath(path)), first->key.public_key);
  EXPECT_EQ(ReadAuditPublicKey((dir_ / "none.pub").string()).error().code, ErrorCode::kNotFound);
}

TEST_F(AuditAnchorFilesTest, CheckpointsAreAppendedAsLinesAndReadBack) {
  auto key = *AuditSigningKeyFromSeed(std::string(32, '\x05'));
  const std::string path = (dir_ / "data" / "h.db.checkpoints").string();
  EXPECT_EQ(ReadCheckpointFile(path).error().code, ErrorCode::kNotFound);
  const TimePoint at = *ParseTimestamp("2026-03-01T10:00:00Z");
  ASSERT_TRUE(AppendCheckpoint(path, SignCheckpoint(1, std::string(64, 'a'), at, key)).ok());
  ASSERT_TRUE(AppendCheckpoint(path, SignCheckpoint(2, std::string(64, 'b'), at, key)).ok());
  auto text = ReadCheckpointFile(path);
  ASSERT_TRUE(text.ok());
  auto checked = CheckCheckpoints(*text, key.public_key);
  EXPECT_EQ(checked.good, 2);
  EXPECT_TRUE(checked.problems.empty());
  EXPECT_EQ(checked.last.seq, 2);
}

TEST(AuditAnchorDefaultsTest, CheckpointsLiveBesideASqliteFile) {
  EXPECT_EQ(DefaultCheckpointPath("sqlite:data/hearken.db"), "data/hearken.db.checkpoints");
  EXPECT_EQ(DefaultCheckpointPath("postgresql://u@127.0.0.1/h"), "hearken-audit.checkpoints");
  EXPECT_EQ(DefaultAuditKeyPath("data/keys"), "data/keys/audit-signing.key");
}

}  // namespace
}  // namespace hearken::keys
