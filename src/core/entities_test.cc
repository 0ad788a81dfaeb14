#include "core/entities.h"

#include <gtest/gtest.h>

#include "core/json_codec.h"
#include "core/time_format.h"

namespace hearken {
namespace {

TEST(EntitiesTest, EveryEnumNameParsesBack) {
  for (auto name : EnumNames<Role>()) EXPECT_EQ(ToString(*ParseRole(name)), name);
  for (auto name : EnumNames<RequirementKind>()) EXPECT_EQ(ToString(*ParseRequirementKind(name)), name);
  for (auto name : EnumNames<Channel>()) EXPECT_EQ(ToString(*ParseChannel(name)), name);
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_EQ(EnumNames<Role>().size(), 4u);
}

TEST(EntitiesTest, UserJsonNeverCarriesThePasswordHash) {
  User u;
  u.email = "qm@example.org";
  u.password_hash = "$argon2id$secret";
  Json j = ToJson(u);
  EXPECT_EQ(j.dump().find("argon2id"), std::string::npos);
  EXPECT_EQ(j["role"], "viewer");
}

TEST(EntitiesTest, CustomerJsonUsesNullForAbsentReferences) {
  Customer c;
  c.name = "Ana";
  Json j = ToJson(c);
  EXPECT_TRUE(j["segment_id"].is_null());
  EXPECT_TRUE(j["consent_survey_at"].is_null());
  c.segment_id = 4;
  EXPECT_EQ(ToJson(c)["segment_id"], 4);
}

}  // namespace
}  // namespace hearken
