#include "core/survey/survey_mail.h"

#include <gtest/gtest.h>

namespace hearken::survey {
namespace {

TEST(SurveyMailTest, TheDefaultsAreValidAndRenderEveryPlaceholder) {
  const MailTemplates t = DefaultMailTemplates();
  ASSERT_TRUE(ValidateMailTemplates(t).ok());
  const std::string body = RenderMail(t.invitation_body, {"Ann", "https://x/s/a?t=b", "https://x/s/a/opt-out?t=b",
                                                          "Service", "Acme"});
  EXPECT_NE(body.find("Dear Ann,"), std::string::npos);
  EXPECT_NE(body.find("https://x/s/a?t=b"), std::string::npos);
  EXPECT_NE(body.find("https://x/s/a/opt-out?t=b"), std::string::npos);
  EXPECT_EQ(body.find("{{"), std::string::npos);
  EXPECT_EQ(RenderMail("{{ survey }} {{other}}", {"", "", "", "S", ""}), "S {{other}}");
}

TEST(SurveyMailTest, ABodyWithoutTheLinkAnUnknownPlaceholderOrATwoLineSubjectIsRefusedNamingEach) {
  MailTemplates t = DefaultMailTemplates();
  t.invitation_body = "Hello {{name}}";
  t.reminder_body = "{{link}} {{coupon}}";
  t.reminder_subject = "one\ntwo";
  t.invitation_subject = " ";
  Status s = ValidateMailTemplates(t);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 4u);
  EXPECT_EQ(s.error().fields[0].field, "invitation_subject");
  EXPECT_EQ(s.error().fields[1].field, "invitation_body");
  EXPECT_EQ(s.error().fields[2].field, "reminder_subject");
  EXPECT_EQ(s.error().fields[3].field, "reminder_body");
  EXPECT_NE(s.error().fields[3].message.find("{{coupon}}"), std::string::npos);
}

}  // namespace
}  // namespace hearken::survey
