#include "core/personal_seal.h"

#include <gtest/gtest.h>

namespace hearken {
namespace {

TEST(PersonalSealTest, SealedTextOpensOnlyWithItsKeyAndId) {
  const std::string key = NewDataKey(), other = NewDataKey();
  const std::string sealed = SealText("Ada Lovelace", 7, key);
  EXPECT_EQ(sealed.rfind("sealed:1:7:", 0), 0u);
  EXPECT_EQ(sealed.find("Ada"), std::string::npos);
  EXPECT_EQ(SealedKeyId(sealed), 7);
  EXPECT_EQ(*OpenText(sealed, key), "Ada Lovelace");
  EXPECT_FALSE(OpenText(sealed, other).ok());
  std::string moved = sealed;
  moved.replace(9, 1, "8");  // the same ciphertext claimed for key 8
  EXPECT_FALSE(OpenText(moved, key).ok());
  EXPECT_NE(SealText("Ada Lovelace", 7, key), sealed);  // a fresh nonce each time
  EXPECT_FALSE(SealedKeyId("plain text"));
  EXPECT_FALSE(SealedKeyId("sealed:1:x:00"));
}

TEST(PersonalSealTest, DataKeysAreWrappedByTheServerKey) {
  const std::string server = NewDataKey(), data = NewDataKey();
  const std::string wrapped = WrapDataKey(data, server);
  EXPECT_EQ(*UnwrapDataKey(wrapped, server), data);
  EXPECT_FALSE(UnwrapDataKey(wrapped, NewDataKey()).ok());
  EXPECT_FALSE(UnwrapDataKey("zz", server).ok());
}

TEST(PersonalSealTest, OnlyThePersonalFieldsOfAnEntityAreSealedAndOpenedBack) {
  const std::string key = NewDataKey();
  auto seal = [&](const std::string& text) { return SealText(text, 3, key); };
  const std::string value = R"({"contact_email":"ada@example.org","contact_name":"Ada","severity":2,"state":"received","summary":""})";
  const std::string sealed = SealPersonalFields(value, "complaint", seal);
  EXPECT_EQ(sealed.find("ada@example.org"), std::string::npos);
  EXPECT_EQ(sealed.find("\"Ada\""), std::string::npos);
  auto parsed = nlohmann::json::parse(sealed);
  EXPECT_EQ(parsed["state"], "received");
  EXPECT_EQ(parsed["severity"], 2);
  EXPECT_EQ(parsed["summary"], "");  // empty stays empty
  auto open = [&](const std::string& text) { return *OpenText(text, key); };
  EXPECT_EQ(OpenSealedFields(sealed, open), value);
  auto erased = [](const std::string&) { return std::string(kErasedText); };
  EXPECT_EQ(nlohmann::json::parse(OpenSealedFields(sealed, erased))["contact_name"], "[erased]");
  EXPECT_EQ(SealPersonalFields(value, "segment", seal), value);
  EXPECT_EQ(SealPersonalFields("", "complaint", seal), "");
  EXPECT_EQ(SealPersonalFields("not json", "complaint", seal), "not json");
}

}  // namespace
}  // namespace hearken
