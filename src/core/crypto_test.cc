#include "core/crypto.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

namespace hearken {
namespace {

TEST(CryptoTest, PasswordHashIsArgon2idWithAtLeast19MiBAndTwoPasses) {
  auto hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  // "$argon2id$v=19$m=65536,t=3,p=1$..." : m is in KiB.
  auto m = hash->find("m=");
  auto t = hash->find(",t=");
  ASSERT_NE(m, std::string::npos);
  EXPECT_GE(std::stol(hash->substr(m + 2)), 19 * 1024);
  EXPECT_GE(std::stol(hash->substr(t + 3)), 2);
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapl"));
}

TEST(CryptoTest, LongPasswordsAreNotTruncated) {
  std::string long_password(200, 'a');
  auto hash = HashPassword(long_password);
  ASSERT_TRUE(hash.ok());
  std::string differs_at_the_end = long_password;
  differs_at_the_end.back() = 'b';
  EXPECT_TRUE(VerifyPassword(*hash, long_password));
  EXPECT_FALSE(VerifyPassword(*hash, differs_at_the_end));
}

TEST(CryptoTest, MalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "anything-at-all"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "anything-at-all"));
}

TEST(CryptoTest, TokensAreRandomAndHashStably) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_EQ(HashToken(a).size(), 64u);
  EXPECT_NE(HashToken(a), HashToken(b));
}

TEST(CryptoTest, AtMostOneArgon2idRunsPerCore) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < 3 * cores; ++i)
    threads.emplace_back([] {
      auto hash = HashPassword("correct horse battery staple");
      if (hash.ok()) VerifyPassword(*hash, "wrong");
    });
  for (auto& t : threads) t.join();
  EXPECT_GE(PasswordHashingPeak(), 1);
  EXPECT_LE(PasswordHashingPeak(), static_cast<int>(cores));
}

}  // namespace
}  // namespace hearken
