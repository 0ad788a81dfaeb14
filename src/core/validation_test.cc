#include "core/validation.h"

#include <gtest/gtest.h>

namespace hearken {
namespace {

std::vector<std::string> FieldsOf(const Status& s) {
  std::vector<std::string> out;
  if (!s.ok())
    for (const auto& f : s.error().fields) out.push_back(f.field);
  return out;
}

TEST(ValidationTest, Utf8RejectsOverlongsSurrogatesAndControls) {
  EXPECT_TRUE(IsCleanUtf8("Grüße, 日本, 🙂\n\t"));
  EXPECT_FALSE(IsCleanUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsCleanUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsCleanUtf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(IsCleanUtf8(std::string("a\0b", 3)));
  EXPECT_FALSE(IsCleanUtf8("\x1b[31m"));
}

TEST(ValidationTest, ValidUtf8AllowsControlsButNotBrokenSequences) {
  EXPECT_TRUE(IsValidUtf8("tab\there \x1b[31m, Grüße"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
}

TEST(ValidationTest, EmailNeedsOneAtAndADottedDomain) {
  EXPECT_TRUE(IsPlausibleEmail("ana.lopez@example.org"));
  EXPECT_FALSE(IsPlausibleEmail("ana.lopez"));
  EXPECT_FALSE(IsPlausibleEmail("a@b@example.org"));
  EXPECT_FALSE(IsPlausibleEmail("a@example"));
  EXPECT_FALSE(IsPlausibleEmail("a b@example.org"));
}

TEST(ValidationTest, CustomerReportsEveryBadFieldAtOnce) {
  Customer c;
  c.name = "  ";
  c.email = "not-an-email";
  c.tags = {"ok", ""};
  auto fields = FieldsOf(ValidateCustomer(c));
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "email", "tags/1"}));
}

TEST(ValidationTest, NeedImportanceMustBeOneToFive) {
  Segment s;
  s.name = "Retail";
  s.needs = {{"Fast delivery", NeedClass::kPerformance, 6}};
  EXPECT_EQ(FieldsOf(ValidateSegment(s)), (std::vector<std::string>{"needs/0/importance"}));
  s.needs[0].importance = 5;
  EXPECT_TRUE(ValidateSegment(s).ok());
}

TEST(ValidationTest, RequirementScopeMustMatchItsReference) {
  Requirement r;
  r.text = "Deliver within 48 hours";
  r.scope = RequirementScope::kCustomer;
  EXPECT_EQ(FieldsOf(ValidateRequirement(r)), (std::vector<std::string>{"customer_id"}));
  r.customer_id = 7;
  EXPECT_TRUE(ValidateRequirement(r).ok());
  r.scope = RequirementScope::kAll;
  EXPECT_EQ(FieldsOf(ValidateRequirement(r)), (std::vector<std::string>{"customer_id"}));
}

TEST(ValidationTest, PasswordLengthCountsCharactersNotBytes) {
  EXPECT_FALSE(ValidatePassword("short").ok());
  EXPECT_TRUE(ValidatePassword("ÄÖÜäöüßÄÖÜäö").ok());  // 12 characters, 24 bytes
  EXPECT_TRUE(ValidatePassword(std::string(256, 'x')).ok());
  EXPECT_FALSE(ValidatePassword(std::string(257, 'x')).ok());
}

TEST(ValidationTest, SettingsNeedAKnownTimeZone) {
  EXPECT_TRUE(ValidateSettings({"Acme", "Europe/Berlin"}).ok());
  EXPECT_EQ(FieldsOf(ValidateSettings({"Acme", "Mars/Olympus"})), (std::vector<std::string>{"time_zone"}));
}

}  // namespace
}  // namespace hearken
