#include "mail/mail_rate_limit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/time_format.h"

namespace hearken {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TimePoint Start() { return *ParseTimestamp("2026-11-24T10:00:00Z"); }

TEST(MailRateLimiterTest, AllowsFiveMailsPerHourToOneAddressThenRefusesTheSixth) {
  ManualClock clock(Start());
  MailRateLimiter limiter(clock);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(limiter.TryAcquire("ann@example.org")) << i;
    clock.Advance(minutes(1));
  }
  MailAdmission sixth = limiter.TryAcquire("ann@example.org");
  EXPECT_FALSE(sixth);
  // The first mail (10:00) leaves the window at 11:00.
  EXPECT_EQ(sixth.next_allowed, Start() + std::chrono::hours(1));
}

TEST(MailRateLimiterTest, WindowRollsSoTheOldestMailFreesTheNextSlot) {
  ManualClock clock(Start());
  MailRateLimiter limiter(clock);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(limiter.TryAcquire("ann@example.org"));
    clock.Advance(minutes(10));
  }
  // Now 10:50; mails at 10:00, 10:10, ..., 10:40.
  clock.Set(Start() + minutes(59) + seconds(59));
  EXPECT_FALSE(limiter.TryAcquire("ann@example.org"));
  clock.Set(Start() + minutes(60));
  EXPECT_TRUE(limiter.TryAcquire("ann@example.org"));
  EXPECT_FALSE(limiter.TryAcquire("ann@example.org"));
  clock.Set(Start() + minutes(70));
  EXPECT_TRUE(limiter.TryAcquire("ann@example.org"));
}

TEST(MailRateLimiterTest, DeniedAttemptsDoNotCountAgainstTheAddress) {
  ManualClock clock(Start());
  MailRateLimiter limiter(clock);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.TryAcquire("ann@example.org"));
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.TryAcquire("ann@example.org"));
  EXPECT_EQ(limiter.CountInWindow("ann@example.org"), 5u);
  clock.Advance(std::chrono::hours(1));
  EXPECT_EQ(limiter.CountInWindow("ann@example.org"), 0u);
  EXPECT_TRUE(limiter.TryAcquire("ann@example.org"));
}

TEST(MailRateLimiterTest, AddressesCompareCaseInsensitivelyAndSubaddressesShareTheMailbox) {
  ManualClock clock(Start());
  MailRateLimiter limiter(clock);
  EXPECT_TRUE(limiter.TryAcquire("ann@example.org"));
  EXPECT_TRUE(limiter.TryAcquire("ANN@Example.ORG"));
  EXPECT_TRUE(limiter.TryAcquire("Ann+1@example.org"));
  EXPECT_TRUE(limiter.TryAcquire("ann+complaint@EXAMPLE.org"));
  EXPECT_TRUE(limiter.TryAcquire("ann+x@example.org"));
  EXPECT_FALSE(limiter.TryAcquire("aNn@example.org"));
  EXPECT_FALSE(limiter.TryAcquire("ann+other@example.org"));
  EXPECT_EQ(MailRateLimiter::MailboxKey("Ann+Tag@Example.org"), "ann@example.org");
}

TEST(MailRateLimiterTest, OtherAddressesHaveTheirOwnAllowance) {
  ManualClock clock(Start());
  MailRateLimiter limiter(clock);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.TryAcquire("ann@example.org"));
  EXPECT_FALSE(limiter.TryAcquire("ann@example.org"));
  EXPECT_TRUE(limiter.TryAcquire("bob@example.org"));
  EXPECT_TRUE(limiter.TryAcquire("ann@example.net"));
}

TEST(MailRateLimiterTest, LimitAndWindowAreConfigurable) {
  ManualClock clock(Start());
  MailRateLimiter limiter(clock, {.max_mails = 2, .window = minutes(5)});
  EXPECT_TRUE(limiter.TryAcquire("ann@example.org"));
  EXPECT_TRUE(limiter.TryAcquire("ann@example.org"));
  MailAdmission third = limiter.TryAcquire("ann@example.org");
  EXPECT_FALSE(third);
  EXPECT_EQ(third.next_allowed, Start() + minutes(5));
  clock.Advance(minutes(5));
  EXPECT_TRUE(limiter.TryAcquire("ann@example.org"));
}

TEST(MailRateLimiterTest, ConcurrentCallersNeverGetMoreThanTheLimit) {
  ManualClock clock(Start());
  MailRateLimiter limiter(clock);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        if (limiter.TryAcquire("ann@example.org")) ++allowed;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 5);
}

TEST(MailRateLimiterTest, ManyAddressesAreForgottenOnceTheirWindowPassed) {
  ManualClock clock(Start());
  MailRateLimiter limiter(clock);
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(limiter.TryAcquire("user" + std::to_string(i) + "@example.org"));
  clock.Advance(std::chrono::hours(2));
  EXPECT_EQ(limiter.CountInWindow("user0@example.org"), 0u);
  for (int i = 0; i < 5000; ++i) ASSERT_TRUE(limiter.TryAcquire("other" + std::to_string(i) + "@example.org"));
  EXPECT_LE(limiter.TrackedMailboxes(), 5000u);
}

}  // namespace
}  // namespace hearken
