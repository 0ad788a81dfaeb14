#include "core/complaint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "core/time_format.h"
#include "core/validation.h"

namespace hearken {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  if (s.ok()) return out;
  for (const auto& f : s.error().fields) out.push_back(f.field);
  return out;
}

ComplaintIntakeFields GoodIntake() {
  ComplaintIntakeFields f;
  f.summary = "Parcel arrived broken";
  f.description = "The box was crushed and the vase inside broken.";
  f.contact_email = "ann@example.org";
  f.consent_contact = true;
  return f;
}

// ---- Enumerations ---------------------------------------------------------------

template <typename E>
void ExpectNamesRoundTrip(std::optional<E> (*parse)(std::string_view)) {
  for (std::string_view name : EnumNames<E>()) {
    auto v = parse(name);
    ASSERT_TRUE(v.has_value()) << name;
    EXPECT_EQ(ToString(*v), name);
  }
  EXPECT_FALSE(parse("nonsense").has_value());
}

TEST(ComplaintEnums, EveryNameParsesBackToItsValue) {
  ExpectNamesRoundTrip<ComplaintIntake>(ParseComplaintIntake);
  ExpectNamesRoundTrip<Priority>(ParsePriority);
  ExpectNamesRoundTrip<CauseCategory>(ParseCauseCategory);
  ExpectNamesRoundTrip<Remedy>(ParseRemedy);
  ExpectNamesRoundTrip<MessageKind>(ParseMessageKind);
  ExpectNamesRoundTrip<ActionStatus>(ParseActionStatus);
  ExpectNamesRoundTrip<SlaClock>(ParseSlaClock);
  ExpectNamesRoundTrip<SlaNotice>(ParseSlaNotice);
}

TEST(ComplaintEnums, NamesAreSnakeCaseOfTheEnumerator) {
  EXPECT_EQ(ToString(ComplaintIntake::kPublicForm), "public_form");
  EXPECT_EQ(ToString(MessageKind::kToComplainant), "to_complainant");
  EXPECT_EQ(ToString(ActionStatus::kInProgress), "in_progress");
  EXPECT_EQ(ToString(CauseCategory::kMeasurement), "measurement");
  EXPECT_EQ(ToString(SlaNotice::kEscalation), "escalation");
  EXPECT_THAT(EnumNames<Remedy>(),
              ElementsAre("explanation", "apology", "repair", "replacement", "refund", "other"));
  EXPECT_THAT(EnumNames<Priority>(), ElementsAre("low", "normal", "high", "urgent"));
}

// ---- Defaults -------------------------------------------------------------------

TEST(DefaultComplaintSettings, AreValid) {
  Status s = ValidateComplaintSettings(DefaultComplaintSettings());
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
}

TEST(DefaultComplaintSettings, HaveTheDocumentedCalendarAndTargets) {
  ComplaintSettings s = DefaultComplaintSettings();
  EXPECT_EQ(s.calendar.time_zone, "UTC");
  for (int d = 0; d < 5; ++d) {
    ASSERT_TRUE(s.calendar.week[d].has_value());
    EXPECT_EQ(s.calendar.week[d]->open, std::chrono::minutes(9 * 60));
    EXPECT_EQ(s.calendar.week[d]->close, std::chrono::minutes(17 * 60));
  }
  EXPECT_FALSE(s.calendar.week[5].has_value());
  EXPECT_FALSE(s.calendar.week[6].has_value());
  EXPECT_EQ(s.sla.unassessed.acknowledge, (SlaTarget{1, SlaUnit::kBusinessDays}));
  EXPECT_EQ(s.sla.unassessed.resolve, (SlaTarget{10, SlaUnit::kBusinessDays}));
  EXPECT_EQ(s.sla.For(1).acknowledge, (SlaTarget{4, SlaUnit::kBusinessHours}));
  EXPECT_EQ(s.sla.For(1).resolve, (SlaTarget{2, SlaUnit::kBusinessDays}));
  EXPECT_EQ(s.sla.For(2).resolve, (SlaTarget{5, SlaUnit::kBusinessDays}));
  EXPECT_EQ(s.sla.For(4).resolve, (SlaTarget{10, SlaUnit::kBusinessDays}));
  EXPECT_EQ(s.closure.no_reply_days, 14);
  EXPECT_EQ(s.mail_from, "");
  EXPECT_EQ(s.public_base_url, "http://127.0.0.1:8080");
}

TEST(DefaultComplaintSettings, TemplatesCarryTheirPlaceholders) {
  ComplaintSettings s = DefaultComplaintSettings();
  for (const MailTemplate* t : {&s.acknowledgement, &s.decision, &s.closure_notice}) {
    EXPECT_EQ(t->subject.rfind("[{{reference}}]", 0), 0u) << t->subject;
    EXPECT_EQ(t->subject.find('\n'), std::string::npos);
  }
  EXPECT_NE(s.acknowledgement.body.find("{{reference}}"), std::string::npos);
  EXPECT_NE(s.acknowledgement.body.find("{{status_link}}"), std::string::npos);
  EXPECT_NE(s.decision.body.find("{{decision}}"), std::string::npos);
  EXPECT_NE(s.closure_notice.body.find("{{rating_link}}"), std::string::npos);
}

// ---- Intake -----------------------------------------------------------------------

TEST(ValidateComplaintIntake, AcceptsAMinimalComplaint) {
  ComplaintIntakeFields f;
  f.summary = "Late delivery";
  f.description = "Two weeks late.";
  EXPECT_TRUE(ValidateComplaintIntake(f).ok());
  EXPECT_TRUE(ValidateComplaintIntake(GoodIntake()).ok());
}

TEST(ValidateComplaintIntake, NamesEveryFaultyField) {
  ComplaintIntakeFields f;
  f.summary = "  ";
  f.description = "";
  f.product = std::string(kMaxNameLength + 1, 'p');
  f.remedy_wanted = std::string("bad\x01", 4);
  f.contact_name = "Ann\nSmith";
  f.contact_email = "not an address";
  f.contact_phone = std::string(51, '1');
  f.customer_id = 0;
  f.site = std::string("\xff", 1);
  f.category_id = -3;
  f.external_ref = std::string(kMaxNameLength + 1, 'x');
  Status s = ValidateComplaintIntake(f);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(Fields(s), UnorderedElementsAre("summary", "description", "product", "remedy_wanted", "contact_name",
                                              "contact_email", "contact_phone", "customer_id", "site", "category_id",
                                              "external_ref"));
}

TEST(ValidateComplaintIntake, SummaryMustBeOneLineAndShort) {
  ComplaintIntakeFields f = GoodIntake();
  f.summary = "first\nsecond";
  EXPECT_THAT(Fields(ValidateComplaintIntake(f)), ElementsAre("summary"));
  f.summary = std::string(kMaxShortTextLength + 1, 's');
  EXPECT_THAT(Fields(ValidateComplaintIntake(f)), ElementsAre("summary"));
  f.summary = std::string(kMaxShortTextLength, 's');
  EXPECT_TRUE(ValidateComplaintIntake(f).ok());
}

TEST(ValidateComplaintIntake, DescriptionMayHaveLinesButNotControlCharacters) {
  ComplaintIntakeFields f = GoodIntake();
  f.description = "line one\r\nline two\n\tindented";
  EXPECT_TRUE(ValidateComplaintIntake(f).ok());
  f.description = std::string("nul\0inside", 10);
  EXPECT_THAT(Fields(ValidateComplaintIntake(f)), ElementsAre("description"));
  f.description = std::string(kMaxLongTextLength + 1, 'd');
  EXPECT_THAT(Fields(ValidateComplaintIntake(f)), ElementsAre("description"));
}

TEST(ValidateComplaintIntake, ConsentNeedsAWayToContact) {
  ComplaintIntakeFields f = GoodIntake();
  f.contact_email.clear();
  EXPECT_THAT(Fields(ValidateComplaintIntake(f)), ElementsAre("consent_contact"));
  f.contact_phone = "+49 30 1234567";
  EXPECT_TRUE(ValidateComplaintIntake(f).ok());
}

// ---- Assessment, investigation, response --------------------------------------------

TEST(ValidateAssessment, AcceptsSeveritiesOneToFour) {
  ComplaintAssessment a;
  for (int s = 1; s <= 4; ++s) {
    a.severity = s;
    EXPECT_TRUE(ValidateAssessment(a).ok()) << s;
  }
}

TEST(ValidateAssessment, NamesEveryFaultyField) {
  ComplaintAssessment a;
  a.severity = 5;
  a.category_id = 0;
  a.product = "a\nb";
  a.customer_id = -1;
  a.segment_id = 0;
  a.site = std::string(kMaxNameLength + 1, 's');
  a.immediate_action = true;
  a.immediate_action_note = " ";
  EXPECT_THAT(Fields(ValidateAssessment(a)),
              UnorderedElementsAre("severity", "category_id", "product", "customer_id", "segment_id", "site",
                                   "immediate_action_note"));
  a = ComplaintAssessment{};
  a.severity = 0;
  EXPECT_THAT(Fields(ValidateAssessment(a)), ElementsAre("severity"));
}

TEST(ValidateAssessment, ImmediateActionNoteIsRequiredOnlyWithImmediateAction) {
  ComplaintAssessment a;
  EXPECT_TRUE(ValidateAssessment(a).ok());
  a.immediate_action = true;
  EXPECT_THAT(Fields(ValidateAssessment(a)), ElementsAre("immediate_action_note"));
  a.immediate_action_note = "Stopped shipping batch 42.";
  EXPECT_TRUE(ValidateAssessment(a).ok());
}

TEST(ValidateInvestigation, NeedsOneToTenNonBlankWhysAndARootCause) {
  ComplaintInvestigation inv;
  inv.whys = {"Box crushed", "Stacked too high", "No stacking rule"};
  inv.root_cause = "Warehouse has no stacking limit.";
  EXPECT_TRUE(ValidateInvestigation(inv).ok());

  ComplaintInvestigation empty;
  EXPECT_THAT(Fields(ValidateInvestigation(empty)), UnorderedElementsAre("whys", "root_cause"));

  inv.whys = {"one", "two", " ", std::string(kMaxShortTextLength + 1, 'w')};
  inv.evidence = std::string("\x07", 1);
  EXPECT_THAT(Fields(ValidateInvestigation(inv)), UnorderedElementsAre("whys/2", "whys/3", "evidence"));

  inv.whys.assign(kMaxWhys + 1, "why");
  inv.evidence.clear();
  EXPECT_THAT(Fields(ValidateInvestigation(inv)), ElementsAre("whys"));
  inv.whys.assign(kMaxWhys, "why");
  EXPECT_TRUE(ValidateInvestigation(inv).ok());
}

TEST(ValidateResponse, NeedsADecisionAndDistinctRemedies) {
  ComplaintResponse r;
  r.decision = "We replace the vase.";
  r.remedies = {Remedy::kApology, Remedy::kReplacement};
  EXPECT_TRUE(ValidateResponse(r).ok());

  ComplaintResponse empty;
  EXPECT_THAT(Fields(ValidateResponse(empty)), UnorderedElementsAre("decision", "remedies"));

  r.remedies = {Remedy::kRefund, Remedy::kApology, Remedy::kRefund};
  EXPECT_THAT(Fields(ValidateResponse(r)), ElementsAre("remedies"));
}

TEST(ValidateResponse, RemedyDetailIsRequiredForOther) {
  ComplaintResponse r;
  r.decision = "Goodwill voucher.";
  r.remedies = {Remedy::kOther};
  EXPECT_THAT(Fields(ValidateResponse(r)), ElementsAre("remedy_detail"));
  r.remedy_detail = "Voucher of 20 EUR";
  EXPECT_TRUE(ValidateResponse(r).ok());
  r.remedies = {Remedy::kRefund};
  r.remedy_detail = std::string("\x01", 1);
  EXPECT_THAT(Fields(ValidateResponse(r)), ElementsAre("remedy_detail"));
}

// ---- Messages, categories, actions, ratings, volumes ------------------------------------

TEST(ValidateComplaintMessage, NeedsABodyAndAOneLineSubject) {
  ComplaintMessage m;
  m.body = "Thank you.";
  EXPECT_TRUE(ValidateComplaintMessage(m).ok());
  m.body = "";
  m.subject = "a\nb";
  EXPECT_THAT(Fields(ValidateComplaintMessage(m)), UnorderedElementsAre("subject", "body"));
  m.subject = "";
  m.body = std::string(kMaxLongTextLength + 1, 'b');
  EXPECT_THAT(Fields(ValidateComplaintMessage(m)), ElementsAre("body"));
}

TEST(ValidateCategoryName, RefusesBlankSlashAndOverlongNames) {
  EXPECT_TRUE(ValidateCategoryName("Mortgage").ok());
  EXPECT_THAT(Fields(ValidateCategoryName(" ")), ElementsAre("name"));
  EXPECT_THAT(Fields(ValidateCategoryName("Credit / debit")), ElementsAre("name"));
  EXPECT_THAT(Fields(ValidateCategoryName(std::string(kMaxNameLength + 1, 'n'))), ElementsAre("name"));
}

TEST(ValidateCorrectiveAction, NamesEveryFaultyField) {
  CorrectiveAction a;
  a.title = "Introduce a stacking limit";
  a.due_date = std::chrono::year_month_day{std::chrono::year(2026), std::chrono::month(12), std::chrono::day(31)};
  a.complaint_ids = {1, 2};
  EXPECT_TRUE(ValidateCorrectiveAction(a).ok());
  a.title = "";
  a.description = std::string("\x02", 1);
  a.owner_id = 0;
  a.due_date = std::chrono::year_month_day{std::chrono::year(2026), std::chrono::month(2), std::chrono::day(30)};
  a.complaint_ids = {1, 0};
  EXPECT_THAT(Fields(ValidateCorrectiveAction(a)),
              UnorderedElementsAre("title", "description", "owner_id", "due_date", "complaint_ids/1"));
}

TEST(ValidateRating, ScoreOneToFiveAndCleanComment) {
  EXPECT_TRUE(ValidateRating(1, "").ok());
  EXPECT_TRUE(ValidateRating(5, "Quick and fair.").ok());
  EXPECT_THAT(Fields(ValidateRating(0, "")), ElementsAre("score"));
  EXPECT_THAT(Fields(ValidateRating(6, std::string("\x03", 1))), UnorderedElementsAre("score", "comment"));
}

TEST(ValidatePeriodVolume, AcceptsMonthsAndIsoWeeksWithPositiveVolume) {
  EXPECT_TRUE(ValidatePeriodVolume({"2025-01", 1200, "orders"}).ok());
  EXPECT_TRUE(ValidatePeriodVolume({"2025-W03", 0.5, "deliveries"}).ok());
  EXPECT_THAT(Fields(ValidatePeriodVolume({"2025-13", 1, ""})), ElementsAre("period"));
  EXPECT_THAT(Fields(ValidatePeriodVolume({"2025-W54", 1, ""})), ElementsAre("period"));
  EXPECT_THAT(Fields(ValidatePeriodVolume({"2025", 1, ""})), ElementsAre("period"));
  EXPECT_THAT(Fields(ValidatePeriodVolume({"2025-02", 0, ""})), ElementsAre("volume"));
  EXPECT_THAT(Fields(ValidatePeriodVolume({"2025-02", -4, "a\nb"})), UnorderedElementsAre("volume", "unit"));
}

// ---- Settings -------------------------------------------------------------------------

TEST(ValidateComplaintSettings, PrefixesCalendarSlaAndClosureFields) {
  ComplaintSettings s = DefaultComplaintSettings();
  s.calendar.time_zone = "Mars/Olympus";
  s.sla.by_severity[0].resolve.amount = 0;
  s.sla.warn_at_percent = 100;
  s.closure.no_reply_days = 0;
  EXPECT_THAT(Fields(ValidateComplaintSettings(s)),
              UnorderedElementsAre("calendar/time_zone", "sla/severity/1/resolve", "sla/warn_at_percent",
                                   "closure/no_reply_days"));
}

TEST(ValidateComplaintSettings, ChecksSenderAndBaseUrl) {
  ComplaintSettings s = DefaultComplaintSettings();
  s.mail_from = "complaints@example.org";
  s.public_base_url = "https://hearken.example.org";
  EXPECT_TRUE(ValidateComplaintSettings(s).ok());
  s.public_base_url = "https://hearken.example.org/";
  EXPECT_TRUE(ValidateComplaintSettings(s).ok());
  s.mail_from = "nobody";
  s.public_base_url = "ftp://example.org";
  EXPECT_THAT(Fields(ValidateComplaintSettings(s)), UnorderedElementsAre("mail_from", "public_base_url"));
  s.mail_from = "";
  for (const char* url : {"http://exa mple.org", "example.org", "https://", "javascript:alert(1)"}) {
    s.public_base_url = url;
    EXPECT_THAT(Fields(ValidateComplaintSettings(s)), ElementsAre("public_base_url")) << url;
  }
}

TEST(ValidateComplaintSettings, RefusesUnknownPlaceholdersAndBadSubjects) {
  ComplaintSettings s = DefaultComplaintSettings();
  s.acknowledgement.body += "\n{{ unknown_thing }}";
  s.decision.subject = "";
  s.closure_notice.subject = "[{{reference}}]\nClosed";
  s.closure_notice.body = "Rate us: {{rating_link}} {{ status_link }}";
  Status st = ValidateComplaintSettings(s);
  EXPECT_THAT(Fields(st), UnorderedElementsAre("templates/acknowledgement/body", "templates/decision/subject",
                                               "templates/closure/subject"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("{{unknown_thing}}"), std::string::npos) << st.error().message;
}

// ---- References ---------------------------------------------------------------------------

TEST(ComplaintReference, FormatsYearAndSixDigitNumber) {
  EXPECT_EQ(FormatComplaintReference(2026, 123), "C-2026-000123");
  EXPECT_EQ(FormatComplaintReference(2026, 1), "C-2026-000001");
  EXPECT_EQ(FormatComplaintReference(2026, 999999), "C-2026-999999");
  EXPECT_EQ(FormatComplaintReference(2026, 1000000), "C-2026-1000000");
}

TEST(ComplaintReference, RecognisesTheExactShape) {
  EXPECT_TRUE(IsComplaintReference("C-2026-000123"));
  EXPECT_TRUE(IsComplaintReference("C-2026-1000000"));
  EXPECT_FALSE(IsComplaintReference("C-2026-12345"));
  EXPECT_FALSE(IsComplaintReference("c-2026-000123"));
  EXPECT_FALSE(IsComplaintReference("C-26-000123"));
  EXPECT_FALSE(IsComplaintReference(" C-2026-000123"));
  EXPECT_FALSE(IsComplaintReference("C-2026-000123x"));
  EXPECT_FALSE(IsComplaintReference(""));
}

TEST(ComplaintReference, FindsTheFirstWholeWordReference) {
  EXPECT_EQ(FindComplaintReference("Re: [C-2026-000123] Your complaint"), "C-2026-000123");
  EXPECT_EQ(FindComplaintReference("about C-2025-1234567, and C-2026-000001"), "C-2025-1234567");
  EXPECT_EQ(FindComplaintReference("C-2026-000042"), "C-2026-000042");
  EXPECT_EQ(FindComplaintReference("XC-2026-000123 then (C-2026-000777)"), "C-2026-000777");
  EXPECT_EQ(FindComplaintReference("C-2026-000123abc"), "");
  EXPECT_EQ(FindComplaintReference("c-2026-000123"), "");
  EXPECT_EQ(FindComplaintReference("C-2026-12345 is too short"), "");
  EXPECT_EQ(FindComplaintReference("no reference here"), "");
}

// ---- Templates --------------------------------------------------------------------------------

TEST(RenderTemplate, ReplacesKnownPlaceholdersAndKeepsUnknownOnes) {
  TemplateValues v;
  v.reference = "C-2026-000123";
  v.status_link = "https://h.example/status/abc";
  v.name = "Ann";
  EXPECT_EQ(RenderTemplate("[{{reference}}] Hi {{ name }}: {{status_link}} {{other}} {{rating_link}}.", v),
            "[C-2026-000123] Hi Ann: https://h.example/status/abc {{other}} .");
}

TEST(RenderTemplate, InsertsValuesVerbatimWithoutRecursion) {
  TemplateValues v;
  v.name = "{{reference}} <b>&";
  v.reference = "R";
  EXPECT_EQ(RenderTemplate("Dear {{name}}", v), "Dear {{reference}} <b>&");
  EXPECT_EQ(RenderTemplate("open {{ and never closed", v), "open {{ and never closed");
  EXPECT_EQ(RenderTemplate("", v), "");
}

TEST(RenderTemplate, RendersTheDefaultAcknowledgement) {
  ComplaintSettings s = DefaultComplaintSettings();
  TemplateValues v{"C-2026-000007", "http://127.0.0.1:8080/status/tok", "", "Ann", "Broken vase", "", "Acme"};
  std::string body = RenderTemplate(s.acknowledgement.body, v);
  EXPECT_EQ(body.find("{{"), std::string::npos) << body;
  EXPECT_NE(body.find("C-2026-000007"), std::string::npos);
  EXPECT_NE(body.find("http://127.0.0.1:8080/status/tok"), std::string::npos);
  EXPECT_EQ(RenderTemplate(s.acknowledgement.subject, v).rfind("[C-2026-000007]", 0), 0u);
}

}  // namespace
}  // namespace hearken

namespace hearken {
namespace {

TEST(CaseRecordOf, ADecisionStandsUntilTheResolveClockRestarts) {
  Complaint c;
  c.resolve_started_at = *ParseTimestamp("2026-01-05T09:00:00Z");
  EXPECT_FALSE(CaseRecordOf(c).assessment);
  EXPECT_FALSE(CaseRecordOf(c).decision);
  c.severity = 3;
  EXPECT_TRUE(CaseRecordOf(c).assessment);
  c.decision = "We refund the fee.";
  c.responded_at = *ParseTimestamp("2026-01-07T09:00:00Z");
  EXPECT_TRUE(CaseRecordOf(c).decision);
  // The complainant rejected it (or the case was reopened): a new clock, no standing decision.
  c.resolve_started_at = *ParseTimestamp("2026-01-08T09:00:00Z");
  EXPECT_FALSE(CaseRecordOf(c).decision);
}

}  // namespace
}  // namespace hearken
