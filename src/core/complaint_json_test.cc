#include "core/complaint_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/time_format.h"

namespace hearken {
namespace {

using ::testing::UnorderedElementsAre;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

TimePoint At(const char* text) { return *ParseTimestamp(text); }

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

ComplaintSettings Custom() {
  ComplaintSettings s = DefaultComplaintSettings();
  s.calendar.time_zone = "Europe/Berlin";
  s.calendar.week[4] = DayHours{std::chrono::minutes(8 * 60 + 30), std::chrono::minutes(13 * 60)};
  s.calendar.week[5] = DayHours{std::chrono::minutes(10 * 60), std::chrono::minutes(24 * 60)};
  s.calendar.week[0] = std::nullopt;
  s.calendar.holidays = {year_month_day{year(2026), month(12), day(25)},
                         year_month_day{year(2027), month(1), day(1)}};
  s.sla.unassessed = {{2, SlaUnit::kBusinessHours}, {15, SlaUnit::kBusinessDays}};
  s.sla.by_severity[3] = {{3, SlaUnit::kBusinessDays}, {30, SlaUnit::kBusinessDays}};
  s.sla.warn_at_percent = 80;
  s.closure.no_reply_days = 21;
  s.mail_from = "complaints@example.org";
  s.mail_from_name = "Acme Complaints";
  s.public_base_url = "https://hearken.example.org";
  s.acknowledgement.subject = "[{{reference}}] Received";
  s.closure_notice.body = "Rate: {{rating_link}}";
  s.updated_at = At("2026-11-30T12:34:56.789012Z");
  return s;
}

// ---- Settings ----------------------------------------------------------------------------

TEST(ComplaintSettingsJson, HasTheDocumentedShape) {
  Json j = ToJson(Custom());
  EXPECT_EQ(j["calendar"]["time_zone"], "Europe/Berlin");
  EXPECT_EQ(j["calendar"]["week"]["monday"], nullptr);
  EXPECT_EQ(j["calendar"]["week"]["friday"], (Json{{"open", "08:30"}, {"close", "13:00"}}));
  EXPECT_EQ(j["calendar"]["week"]["saturday"]["close"], "24:00");
  EXPECT_EQ(j["calendar"]["holidays"], (Json{"2026-12-25", "2027-01-01"}));
  EXPECT_EQ(j["sla"]["unassessed"]["acknowledge"], (Json{{"amount", 2}, {"unit", "business_hours"}}));
  EXPECT_EQ(j["sla"]["severity"]["4"]["resolve"]["amount"], 30);
  EXPECT_EQ(j["sla"]["severity"]["1"]["acknowledge"]["unit"], "business_hours");
  EXPECT_EQ(j["sla"]["warn_at_percent"], 80);
  EXPECT_EQ(j["closure"]["no_reply_days"], 21);
  EXPECT_EQ(j["mail_from"], "complaints@example.org");
  EXPECT_EQ(j["mail_from_name"], "Acme Complaints");
  EXPECT_EQ(j["public_base_url"], "https://hearken.example.org");
  EXPECT_EQ(j["templates"]["acknowledgement"]["subject"], "[{{reference}}] Received");
  EXPECT_EQ(j["templates"]["closure"]["body"], "Rate: {{rating_link}}");
  EXPECT_TRUE(j["templates"]["decision"].contains("body"));
  EXPECT_EQ(j["updated_at"], "2026-11-30T12:34:56.789012Z");
}

TEST(ComplaintSettingsJson, RoundTrips) {
  for (const ComplaintSettings& s : {DefaultComplaintSettings(), Custom()}) {
    auto back = ComplaintSettingsFromJson(ToJson(s));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->calendar, s.calendar);
    EXPECT_EQ(back->sla, s.sla);
    EXPECT_EQ(back->closure.no_reply_days, s.closure.no_reply_days);
    EXPECT_EQ(back->mail_from, s.mail_from);
    EXPECT_EQ(back->mail_from_name, s.mail_from_name);
    EXPECT_EQ(back->public_base_url, s.public_base_url);
    EXPECT_EQ(back->acknowledgement, s.acknowledgement);
    EXPECT_EQ(back->decision, s.decision);
    EXPECT_EQ(back->closure_notice, s.closure_notice);
    EXPECT_EQ(back->updated_at, s.updated_at);
    // Also through text, as the store keeps it.
    auto reparsed = ComplaintSettingsFromJson(Json::parse(ToJson(s).dump()));
    ASSERT_TRUE(reparsed.ok());
    EXPECT_EQ(ToJson(*reparsed), ToJson(s));
  }
}

TEST(ComplaintSettingsJson, UpdatedAtIsOptionalAndATrailingSlashIsRemoved) {
  Json j = ToJson(Custom());
  j.erase("updated_at");
  j["public_base_url"] = "https://hearken.example.org/";
  auto s = ComplaintSettingsFromJson(j);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->public_base_url, "https://hearken.example.org");
  EXPECT_EQ(s->updated_at, TimePoint{});
}

TEST(ComplaintSettingsJson, RefusesUnknownFieldsByPath) {
  Json j = ToJson(Custom());
  j["colour"] = "blue";
  j["calendar"]["week"]["funday"] = nullptr;
  j["calendar"]["week"]["friday"]["lunch"] = "12:00";
  j["sla"]["severity"]["5"] = j["sla"]["severity"]["4"];
  j["sla"]["unassessed"]["acknowledge"]["grace"] = 1;
  j["templates"]["reminder"] = {{"subject", "x"}, {"body", "y"}};
  auto s = ComplaintSettingsFromJson(j);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(Fields(s.error()),
              UnorderedElementsAre("colour", "calendar/week/funday", "calendar/week/friday/lunch", "sla/severity/5",
                                   "sla/unassessed/acknowledge/grace", "templates/reminder"));
}

TEST(ComplaintSettingsJson, RefusesWrongTypesAndFormsByPath) {
  Json j = ToJson(Custom());
  j["calendar"]["time_zone"] = 1;
  j["calendar"]["week"]["tuesday"]["open"] = "9am";
  j["calendar"]["week"]["wednesday"] = "closed";
  j["calendar"]["holidays"] = {"2026-12-25", "2026-02-30", 7};
  j["sla"]["warn_at_percent"] = "75";
  j["sla"]["severity"]["2"]["resolve"]["unit"] = "weeks";
  j["sla"]["severity"]["3"]["acknowledge"]["amount"] = 1.5;
  j["closure"] = 14;
  j["mail_from"] = nullptr;
  j["templates"]["decision"]["body"] = Json::array();
  j["updated_at"] = "yesterday";
  auto s = ComplaintSettingsFromJson(j);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(Fields(s.error()),
              UnorderedElementsAre("calendar/time_zone", "calendar/week/tuesday/open", "calendar/week/wednesday",
                                   "calendar/holidays/1", "calendar/holidays/2", "sla/warn_at_percent",
                                   "sla/severity/2/resolve/unit", "sla/severity/3/acknowledge/amount", "closure",
                                   "mail_from", "templates/decision/body", "updated_at"));
}

TEST(ComplaintSettingsJson, RequiresEveryFieldButUpdatedAt) {
  Json j = ToJson(Custom());
  j.erase("mail_from_name");
  j["calendar"].erase("holidays");
  j["sla"]["severity"].erase("3");
  j["templates"]["acknowledgement"].erase("body");
  auto s = ComplaintSettingsFromJson(j);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(Fields(s.error()), UnorderedElementsAre("mail_from_name", "calendar/holidays", "sla/severity/3",
                                                      "templates/acknowledgement/body"));
  EXPECT_FALSE(ComplaintSettingsFromJson(Json::array()).ok());
  EXPECT_FALSE(ComplaintSettingsFromJson(Json("text")).ok());
}

TEST(ComplaintSettingsJson, DecodesFormOnlyAndLeavesRulesToValidation) {
  Json j = ToJson(Custom());
  j["closure"]["no_reply_days"] = 0;
  j["calendar"]["time_zone"] = "Nowhere/Land";
  auto s = ComplaintSettingsFromJson(j);
  ASSERT_TRUE(s.ok());
  Status v = ValidateComplaintSettings(*s);
  ASSERT_FALSE(v.ok());
  EXPECT_THAT(Fields(v.error()), UnorderedElementsAre("closure/no_reply_days", "calendar/time_zone"));
}

// ---- Records -----------------------------------------------------------------------------

TEST(ComplaintJson, HasEveryDocumentedFieldAndNoTokenHash) {
  Complaint c;
  c.id = 7;
  c.reference = "C-2026-000007";
  c.state = ComplaintState::kWaitingOnComplainant;
  c.paused_from = ComplaintState::kInvestigating;
  c.intake.intake = ComplaintIntake::kPublicForm;
  c.intake.channel = Channel::kPortal;
  c.intake.summary = "Broken vase";
  c.intake.customer_id = 3;
  c.severity = 2;
  c.priority = Priority::kHigh;
  c.whys = {"a", "b"};
  c.cause_category = CauseCategory::kProcess;
  c.remedies = {Remedy::kApology, Remedy::kRefund};
  c.source_timely = true;
  c.received_at = At("2026-11-30T09:00:00Z");
  c.resolve_due_at = At("2026-12-14T09:00:00Z");
  c.status_token_hash = "secret-hash";
  Json j = ToJson(c);
  for (const char* key :
       {"id", "reference", "state", "paused_from", "closure", "intake", "channel", "summary", "description", "product",
        "occurred_on", "remedy_wanted", "contact_name", "contact_email", "contact_phone", "consent_contact",
        "customer_id", "segment_id", "site", "category_id", "external_ref", "assignee_id", "merged_into_id", "severity",
        "priority",
        "immediate_action", "immediate_action_note", "whys", "cause_category", "root_cause", "evidence", "decision",
        "remedies", "remedy_detail", "source_outcome", "source_timely", "received_at", "acknowledged_at",
        "responded_at", "closed_at", "reopen_count", "ack_due_at", "resolve_due_at", "created_at", "updated_at"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j.dump().find("secret-hash"), std::string::npos);
  EXPECT_FALSE(j.contains("status_token_hash"));
  EXPECT_EQ(j["state"], "waiting_on_complainant");
  EXPECT_EQ(j["paused_from"], "investigating");
  EXPECT_EQ(j["closure"], nullptr);
  EXPECT_EQ(j["intake"], "public_form");
  EXPECT_EQ(j["channel"], "portal");
  EXPECT_EQ(j["customer_id"], 3);
  EXPECT_EQ(j["segment_id"], nullptr);
  EXPECT_EQ(j["priority"], "high");
  EXPECT_EQ(j["remedies"], (Json{"apology", "refund"}));
  EXPECT_EQ(j["source_timely"], true);
  EXPECT_EQ(j["received_at"], "2026-11-30T09:00:00.000000Z");
  EXPECT_EQ(j["ack_due_at"], nullptr);
  EXPECT_EQ(j["resolve_due_at"], "2026-12-14T09:00:00.000000Z");
}

TEST(ComplaintJson, OtherRecordsUseTextNamesAndNulls) {
  ComplaintMessage m;
  m.id = 1;
  m.complaint_id = 7;
  m.kind = MessageKind::kFromComplainant;
  m.body = "Thanks";
  Json mj = ToJson(m);
  EXPECT_EQ(mj["kind"], "from_complainant");
  EXPECT_EQ(mj["author_id"], nullptr);

  Attachment a;
  a.filename = "r.pdf";
  a.size = 1234;
  Json aj = ToJson(a);
  EXPECT_EQ(aj["size"], 1234);
  EXPECT_EQ(aj["message_id"], nullptr);
  EXPECT_TRUE(aj.contains("blake2b"));

  ComplaintCategory cat;
  cat.parent_id = 4;
  cat.path = "A / B";
  EXPECT_EQ(ToJson(cat)["parent_id"], 4);
  EXPECT_EQ(ToJson(cat)["path"], "A / B");

  CorrectiveAction ca;
  ca.status = ActionStatus::kInProgress;
  ca.complaint_ids = {2, 5};
  EXPECT_EQ(ToJson(ca)["due_date"], nullptr);
  ca.due_date = year_month_day{year(2027), month(3), day(5)};
  Json cj = ToJson(ca);
  EXPECT_EQ(cj["due_date"], "2027-03-05");
  EXPECT_EQ(cj["status"], "in_progress");
  EXPECT_EQ(cj["complaint_ids"], (Json{2, 5}));

  EXPECT_EQ(ToJson(HandlingRating{7, 4, "ok", At("2026-12-01T00:00:00Z")})["score"], 4);
  EXPECT_EQ(ToJson(PeriodVolume{"2025-W03", 12.5, "orders"}),
            (Json{{"period", "2025-W03"}, {"volume", 12.5}, {"unit", "orders"}}));
}

TEST(ComplaintJson, SlaStatusAndView) {
  SlaStatus st;
  st.due = At("2026-12-01T10:00:00Z");
  st.warn_at = At("2026-12-01T08:00:00Z");
  st.fraction_elapsed = 0.5;
  st.paused = true;
  Json j = ToJson(st);
  EXPECT_EQ(j["due"], "2026-12-01T10:00:00.000000Z");
  EXPECT_EQ(j["warn_at"], "2026-12-01T08:00:00.000000Z");
  EXPECT_EQ(j["fraction_elapsed"], 0.5);
  EXPECT_EQ(j["paused"], true);
  for (const char* key : {"stopped", "warning", "breached"}) EXPECT_EQ(j[key], false) << key;
  ComplaintSlaView v;
  v.resolve = st;
  Json vj = ToJson(v);
  EXPECT_EQ(vj["acknowledge"], nullptr);
  EXPECT_EQ(vj["resolve"]["paused"], true);
}

TEST(IsoDate, FormatsAndParsesStrictly) {
  EXPECT_EQ(FormatIsoDate(year_month_day{year(2026), month(1), day(9)}), "2026-01-09");
  auto d = ParseIsoDate("2028-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, (year_month_day{year(2028), month(2), day(29)}));
  for (const char* bad : {"2026-02-29", "2026-1-09", "2026-13-01", "20260109", "2026-01-09T00:00", ""})
    EXPECT_FALSE(ParseIsoDate(bad)) << bad;
}

}  // namespace
}  // namespace hearken
