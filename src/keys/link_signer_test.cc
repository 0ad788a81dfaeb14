#include "keys/link_signer.h"

#include <gtest/gtest.h>

namespace hearken::keys {
namespace {

TEST(LinkSignerTest, ATokenVerifiesForItsIdAndPurposeOnly) {
  LinkSigner signer(std::string(LinkSigner::kKeySize, 'k'));
  const std::string token = signer.Token(kStatusLinkPurpose, 42);
  EXPECT_EQ(token.rfind("42.", 0), 0u);
  EXPECT_EQ(token.size(), 3u + 32u);
  EXPECT_EQ(signer.Verify(kStatusLinkPurpose, token), 42);
  EXPECT_EQ(signer.Token(kStatusLinkPurpose, 42), token);  // derived again, the same
  EXPECT_FALSE(signer.Verify("another purpose", token));
  // The MAC of one id does not open another.
  const std::string other = "43" + token.substr(2);
  EXPECT_FALSE(signer.Verify(kStatusLinkPurpose, other));
}

TEST(LinkSignerTest, AnotherKeyOrAnAlteredOrMalformedTokenIsRefused) {
  LinkSigner signer(std::string(LinkSigner::kKeySize, 'k'));
  LinkSigner other(std::string(LinkSigner::kKeySize, 'o'));
  const std::string token = signer.Token(kStatusLinkPurpose, 7);
  EXPECT_FALSE(other.Verify(kStatusLinkPurpose, token));
  std::string altered = token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(signer.Verify(kStatusLinkPurpose, altered));
  for (std::string bad : {std::string(""), std::string("."), std::string("7"), std::string("7."),
                          "07" + token.substr(1), "-7" + token.substr(1), token + "x", token.substr(0, token.size() - 1),
                          std::string("abc.def"), std::string("99999999999999999999999.x"),
                          std::string("q1Y2x3W4v5U6t7S8r9Q0p1O2n3M4l5K6j7I8h9G0f1E")})
    EXPECT_FALSE(signer.Verify(kStatusLinkPurpose, bad)) << bad;
}

TEST(LinkSignerTest, EphemeralSignersHaveTheirOwnKeys) {
  auto a = LinkSigner::Ephemeral();
  auto b = LinkSigner::Ephemeral();
  EXPECT_TRUE(a->Verify(kStatusLinkPurpose, a->Token(kStatusLinkPurpose, 1)));
  EXPECT_FALSE(b->Verify(kStatusLinkPurpose, a->Token(kStatusLinkPurpose, 1)));
}

TEST(LinkSignerTest, AKeyOfTheWrongSizeIsRefused) {
  EXPECT_THROW(LinkSigner(std::string(16, 'k')), std::invalid_argument);
}

}  // namespace
}  // namespace hearken::keys
