#include "keys/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace hearken::keys {
namespace {

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("hearken-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(KeyFileTest, AMissingKeyIsCreatedPrivateAndReadBackTheSame) {
  const std::string path = (dir_ / "keys" / "link.key").string();
  auto first = LoadOrCreateKey(path, 32);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->bytes.size(), 32u);
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir_ / "keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  auto second = LoadOrCreateKey(path, 32);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->bytes, first->bytes);
  EXPECT_EQ(ReadKey(path, 32).value(), first->bytes);
}

TEST_F(KeyFileTest, AKeyReadableByOthersOrOfTheWrongSizeIsRefused) {
  const std::string path = (dir_ / "k.key").string();
  ASSERT_TRUE(LoadOrCreateKey(path, 16).ok());
  EXPECT_EQ(ReadKey(path, 32).error().code, ErrorCode::kInvalidArgument);
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(LoadOrCreateKey(path, 16).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ReadKey((dir_ / "none.key").string(), 16).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(WriteNewKey(path, "x").error().code, ErrorCode::kAlreadyExists);
}

}  // namespace
}  // namespace hearken::keys
