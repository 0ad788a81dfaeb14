// Complaint administration, analysis, export and import through real HTTP:
// the category taxonomy, corrective actions, complaint settings, period
// volumes, the analysis answer, CSV/XLSX export and the CFPB import; and the
// list filter parser these routes share.
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/time_format.h"
#include "http/complaints/complaint_export_stream.h"
#include "http/complaints/complaint_filter.h"
#include "http/test_support.h"

namespace hearken::http::testing {
namespace {

class ComplaintAdminTest : public ::testing::Test {
 protected:
  void SetUp() override { h_ = std::make_unique<Harness>(); }

  static std::string IdOf(const Reply& r) { return std::to_string(r.json()["id"].get<long long>()); }
  static TimePoint At(const std::string& text) { return *ParseTimestamp(text); }

  // Files a complaint directly through the store.
  Complaint File(const std::string& summary, const std::string& received, std::optional<Id> category = {},
                 Channel channel = Channel::kEmail) {
    ComplaintIntakeFields fields;
    fields.channel = channel;
    fields.summary = summary;
    fields.description = "What happened: " + summary;
    fields.product = "Widget";
    fields.category_id = category;
    fields.received_at = At(received);
    auto created = h_->store().complaints().CreateComplaint(WriteContext{{std::nullopt, "test"}, ""}, fields,
                                               "token-hash-" + std::to_string(++filed_));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : Complaint{};
  }

  Id Category(const std::string& name, std::optional<Id> parent = {}) {
    Json body = {{"name", name}};
    if (parent) body["parent_id"] = *parent;
    Reply r = h_->Post("/api/v1/complaint-categories", body, h_->BearerOf(Role::kQualityManager));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", Id{0});
  }

  std::unique_ptr<Harness> h_;
  int filed_ = 0;
};

// ---- Categories ----------------------------------------------------------------------

TEST_F(ComplaintAdminTest, StaffListNamesAssignablePeopleWithoutAddressesForEveryRole) {
  for (Role role : {Role::kHandler, Role::kQualityManager}) (void)h_->BearerOf(role);  // makes the users
  Reply staff = h_->Get("/api/v1/staff", h_->BearerOf(Role::kViewer));
  ASSERT_EQ(staff.status, 200) << staff.body;
  const Json body = staff.json();
  std::set<std::string> roles;
  for (const auto& person : body["items"]) {
    EXPECT_FALSE(person.contains("email"));
    EXPECT_TRUE(person["display_name"].is_string());
    roles.insert(person["role"].get<std::string>());
  }
  EXPECT_TRUE(roles.count("handler"));
  EXPECT_TRUE(roles.count("quality_manager"));
  EXPECT_FALSE(roles.count("viewer"));
}

TEST_F(ComplaintAdminTest, CategoryTreeIsBuiltRenamedAndListedByPath) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Id delivery = Category("Delivery");
  Id late = Category("Late", delivery);
  Reply child = h_->Get("/api/v1/complaint-categories", h_->BearerOf(Role::kViewer));
  ASSERT_EQ(child.status, 200);
  ASSERT_EQ(child.json()["items"].size(), 2u);
  EXPECT_EQ(child.json()["items"][1]["path"], "Delivery / Late");
  EXPECT_EQ(child.json()["items"][1]["parent_id"], delivery);

  Reply renamed = h_->Patch("/api/v1/complaint-categories/" + std::to_string(delivery), {{"name", "Shipping"}}, qm);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["path"], "Shipping");
  Reply list = h_->Get("/api/v1/complaint-categories", qm);
  EXPECT_EQ(list.json()["items"][1]["path"], "Shipping / Late");
  EXPECT_EQ(list.json()["items"][1]["id"], late);

  Reply off = h_->Patch("/api/v1/complaint-categories/" + std::to_string(late), {{"active", false}}, qm);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["active"], false);
}

TEST_F(ComplaintAdminTest, CategoryErrorsAreDuplicateUnknownParentAndBadName) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Id top = Category("Billing");
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaint-categories", {{"name", "billing"}}, qm), 409));
  EXPECT_TRUE(
      IsProblem(h_->Post("/api/v1/complaint-categories", {{"name", "Orphan"}, {"parent_id", 999999}}, qm), 404));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaint-categories", {{"name", "a/b"}}, qm), 422, "name"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaint-categories", {{"parent_id", top}}, qm), 422, "name"));
  // The parent cannot be changed by PATCH.
  EXPECT_TRUE(IsProblem(
      h_->Patch("/api/v1/complaint-categories/" + std::to_string(top), {{"parent_id", nullptr}}, qm), 422,
      "parent_id"));
  EXPECT_TRUE(IsProblem(h_->Patch("/api/v1/complaint-categories/999999", {{"name", "x"}}, qm), 404));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/complaint-categories", {{"name", "Nope"}}, h_->BearerOf(Role::kHandler)),
                        403));
}

// ---- Corrective actions ----------------------------------------------------------------

TEST_F(ComplaintAdminTest, CorrectiveActionLinksComplaintsAndChangesStatus) {
  Auth handler = h_->BearerOf(Role::kHandler);
  Complaint a = File("Parcel late", "2026-09-01T10:00:00Z");
  Complaint b = File("Parcel late again", "2026-09-02T10:00:00Z");
  Complaint c = File("Rude driver", "2026-09-03T10:00:00Z");
  Reply created = h_->Post("/api/v1/corrective-actions",
                           {{"title", "Change courier"},
                            {"description", "Late deliveries from the courier"},
                            {"owner_id", h_->user(Role::kHandler).id},
                            {"due_date", "2026-10-31"},
                            {"complaint_ids", {b.id, a.id}}},
                           handler);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = IdOf(created);
  EXPECT_EQ(created.Header("location"), "/api/v1/corrective-actions/" + id);
  EXPECT_EQ(created.json()["status"], "open");
  EXPECT_EQ(created.json()["due_date"], "2026-10-31");
  EXPECT_EQ(created.json()["complaint_ids"], Json({a.id, b.id}));

  Reply started = h_->Patch("/api/v1/corrective-actions/" + id, {{"status", "in_progress"}}, handler);
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(started.json()["status"], "in_progress");
  EXPECT_EQ(started.json()["title"], "Change courier");
  EXPECT_EQ(started.json()["complaint_ids"].size(), 2u);
  Reply done = h_->Patch("/api/v1/corrective-actions/" + id,
                         {{"status", "done"}, {"due_date", nullptr}, {"complaint_ids", {a.id}}}, handler);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "done");
  EXPECT_TRUE(done.json()["due_date"].is_null());

  Reply other = h_->Post("/api/v1/corrective-actions", {{"title", "Driver training"}, {"complaint_ids", {c.id}}},
                         handler);
  ASSERT_EQ(other.status, 201) << other.body;

  Auth viewer = h_->BearerOf(Role::kViewer);
  EXPECT_EQ(h_->Get("/api/v1/corrective-actions/" + id, viewer).json()["status"], "done");
  Reply for_a = h_->Get("/api/v1/corrective-actions?complaint_id=" + std::to_string(a.id), viewer);
  ASSERT_EQ(for_a.status, 200) << for_a.body;
  ASSERT_EQ(for_a.json()["total"], 1);
  EXPECT_EQ(for_a.json()["items"][0]["title"], "Change courier");
  EXPECT_EQ(h_->Get("/api/v1/corrective-actions?complaint_id=" + std::to_string(b.id), viewer).json()["total"], 0);
  Reply open = h_->Get("/api/v1/corrective-actions?status=open", viewer);
  ASSERT_EQ(open.json()["total"], 1);
  EXPECT_EQ(open.json()["items"][0]["title"], "Driver training");
  EXPECT_EQ(h_->Get("/api/v1/corrective-actions", viewer).json()["total"], 2);
}

TEST_F(ComplaintAdminTest, CorrectiveActionInputIsCheckedFieldByField) {
  Auth handler = h_->BearerOf(Role::kHandler);
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/corrective-actions", {{"description", "no title"}}, handler), 422, "title"));
  EXPECT_TRUE(IsProblem(
      h_->Post("/api/v1/corrective-actions", {{"title", "t"}, {"due_date", "2026-02-30"}}, handler), 422, "due_date"));
  EXPECT_TRUE(IsProblem(
      h_->Post("/api/v1/corrective-actions", {{"title", "t"}, {"complaint_ids", {1, -2}}}, handler), 422,
      "complaint_ids/1"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/corrective-actions", {{"title", "t"}, {"status", "finished"}}, handler),
                        422, "status"));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/corrective-actions", {{"title", "t"}, {"colour", "red"}}, handler), 422,
                        "colour"));
  EXPECT_TRUE(
      IsProblem(h_->Post("/api/v1/corrective-actions", {{"title", "t"}, {"complaint_ids", {999999}}}, handler), 404));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/corrective-actions?status=finished", handler), 422, "status"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/corrective-actions/999999", handler), 404));
  EXPECT_TRUE(IsProblem(h_->Post("/api/v1/corrective-actions", {{"title", "t"}}, h_->BearerOf(Role::kViewer)), 403));
}

// ---- Settings ----------------------------------------------------------------------

TEST_F(ComplaintAdminTest, SettingsRoundTripThroughGetAndPut) {
  Reply read = h_->Get("/api/v1/complaint-settings", h_->BearerOf(Role::kQualityManager));
  ASSERT_EQ(read.status, 200) << read.body;
  Json settings = read.json();
  ASSERT_TRUE(settings["calendar"].is_object());
  settings["calendar"]["time_zone"] = "Europe/Berlin";
  settings["calendar"]["holidays"] = {"2026-12-25"};
  settings["templates"]["acknowledgement"]["subject"] = "We have your complaint {{reference}}";
  settings["mail_from"] = "quality@example.org";
  Reply put = h_->Put("/api/v1/complaint-settings", settings, h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(put.status, 200) << put.body;
  Reply again = h_->Get("/api/v1/complaint-settings", h_->BearerOf(Role::kAdmin));
  EXPECT_EQ(again.json()["calendar"]["time_zone"], "Europe/Berlin");
  EXPECT_EQ(again.json()["calendar"]["holidays"], Json({"2026-12-25"}));
  EXPECT_EQ(again.json()["templates"]["acknowledgement"]["subject"], "We have your complaint {{reference}}");
  EXPECT_EQ(again.json()["mail_from"], "quality@example.org");
  // What came back can be put back unchanged.
  EXPECT_EQ(h_->Put("/api/v1/complaint-settings", again.json(), h_->BearerOf(Role::kAdmin)).status, 200);

  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaint-settings", h_->BearerOf(Role::kHandler)), 403));
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/complaint-settings", settings, h_->BearerOf(Role::kQualityManager)), 403));
}

TEST_F(ComplaintAdminTest, SettingsWithUnknownZoneOrPlaceholderAreRefused) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  Json settings = h_->Get("/api/v1/complaint-settings", admin).json();
  Json bad_zone = settings;
  bad_zone["calendar"]["time_zone"] = "Mars/Olympus";
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/complaint-settings", bad_zone, admin), 422, "calendar/time_zone"));
  Json bad_placeholder = settings;
  bad_placeholder["templates"]["acknowledgement"]["body"] = "Dear {{customer_name}}";
  Reply reply = h_->Put("/api/v1/complaint-settings", bad_placeholder, admin);
  ASSERT_TRUE(IsProblem(reply, 422)) << reply.body;
  EXPECT_NE(reply.body.find("templates/acknowledgement"), std::string::npos) << reply.body;
  Json unknown = settings;
  unknown["colour"] = "red";
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/complaint-settings", unknown, admin), 422, "colour"));
  // Nothing was stored.
  EXPECT_EQ(h_->Get("/api/v1/complaint-settings", admin).json()["calendar"], settings["calendar"]);
}

// ---- Period volumes -------------------------------------------------------------------

TEST_F(ComplaintAdminTest, PeriodVolumesAreSetReplacedListedAndDeleted) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply set = h_->Put("/api/v1/period-volumes/2026-01", {{"volume", 1200}, {"unit", "orders"}}, qm);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["period"], "2026-01");
  EXPECT_EQ(set.json()["volume"], 1200.0);
  ASSERT_EQ(h_->Put("/api/v1/period-volumes/2026-W05", {{"volume", 300.5}, {"unit", "orders"}}, qm).status, 200);
  ASSERT_EQ(h_->Put("/api/v1/period-volumes/2026-01", {{"volume", 1500}, {"unit", "orders"}}, qm).status, 200);
  Reply list = h_->Get("/api/v1/period-volumes", h_->BearerOf(Role::kViewer));
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["items"].size(), 2u);
  bool found = false;
  const Json listed = list.json();
  for (const auto& item : listed["items"])
    if (item["period"] == "2026-01") found = item["volume"] == 1500.0;
  EXPECT_TRUE(found) << list.body;

  EXPECT_EQ(h_->Delete("/api/v1/period-volumes/2026-W05", qm).status, 204);
  EXPECT_EQ(h_->Get("/api/v1/period-volumes", qm).json()["items"].size(), 1u);
  EXPECT_TRUE(IsProblem(h_->Delete("/api/v1/period-volumes/2026-W05", qm), 404));

  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/period-volumes/2026-13", {{"volume", 1}, {"unit", "orders"}}, qm), 422));
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/period-volumes/2026-02", {{"volume", 0}, {"unit", "orders"}}, qm), 422));
  EXPECT_TRUE(
      IsProblem(h_->Put("/api/v1/period-volumes/2026-02", {{"volume", "many"}, {"unit", "orders"}}, qm), 422, "volume"));
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/period-volumes/2026-02", {{"volume", 5}}, qm), 422, "unit"));
  EXPECT_TRUE(IsProblem(
      h_->Put("/api/v1/period-volumes/2026-02", {{"volume", 5}, {"unit", "orders"}}, h_->BearerOf(Role::kHandler)),
      403));
}

// ---- Analysis -----------------------------------------------------------------------

// A date bound is a day of the organisation's zone, as the analysis periods
// are: in Los Angeles, from=2025-12-01 begins at 08:00Z, so a complaint of
// 30 November local time is neither counted nor drawn as a 2025-11 bar (it
// was, when the date meant UTC midnight), and to=2025-12-31 takes all of the
// local 31st.
TEST_F(ComplaintAdminTest, DateBoundsAreDaysOfTheOrganisationsZone) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Json settings = h_->Get("/api/v1/complaint-settings", qm).json();
  settings["calendar"]["time_zone"] = "America/Los_Angeles";
  ASSERT_EQ(h_->Put("/api/v1/complaint-settings", settings, h_->BearerOf(Role::kAdmin)).status, 200);
  File("30 November in Los Angeles", "2025-12-01T07:59:00Z");
  File("1 December in Los Angeles", "2025-12-01T08:00:00Z");
  File("31 December in Los Angeles", "2026-01-01T07:59:00Z");
  File("1 January in Los Angeles", "2026-01-01T08:00:00Z");
  const std::string range = "from=2025-12-01&to=2025-12-31";
  Reply analysis = h_->Get("/api/v1/complaints/analysis?period=month&" + range, qm);
  ASSERT_EQ(analysis.status, 200) << analysis.body;
  EXPECT_EQ(analysis.json()["total"], 2);
  ASSERT_EQ(analysis.json()["by_period"].size(), 1u) << analysis.body;
  EXPECT_EQ(analysis.json()["by_period"][0]["period"], "2025-12");
  Reply list = h_->Get("/api/v1/complaints?sort=received_at&" + range, qm);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["items"].size(), 2u) << list.body;
  EXPECT_EQ(list.json()["items"][0]["summary"], "1 December in Los Angeles");
  EXPECT_EQ(list.json()["items"][1]["summary"], "31 December in Los Angeles");
}

// Canned responses: kept in the complaint settings (admins edit them), read
// by every handler; placeholders are checked when saved.
TEST_F(ComplaintAdminTest, CannedResponsesAreSavedCheckedAndReadByHandlers) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  const Json before = h_->Get("/api/v1/complaint-settings", admin).json();
  Json settings = before;
  settings["canned_responses"] = Json::array(
      {{{"name", "Apology"}, {"subject", "About {{reference}}"}, {"body", "Dear {{name}}, we are sorry."}}});
  Reply saved = h_->Put("/api/v1/complaint-settings", settings, admin);
  ASSERT_EQ(saved.status, 200) << saved.body;
  Reply listed = h_->Get("/api/v1/canned-responses", h_->BearerOf(Role::kHandler));
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["body"], "Dear {{name}}, we are sorry.");
  settings["canned_responses"][0]["body"] = "See {{status_link}}";
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/complaint-settings", settings, admin), 422, "canned_responses/0/body"));
  settings["canned_responses"] = Json::array({{{"name", "A"}, {"body", "x"}}, {{"name", "a"}, {"body", "y"}}});
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/complaint-settings", settings, admin), 422, "canned_responses/1/name"));
  settings["canned_responses"] = Json::array({{{"name", ""}, {"body", "x"}}});
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/complaint-settings", settings, admin), 422, "canned_responses/0/name"));
  settings["canned_responses"] = "all";
  EXPECT_TRUE(IsProblem(h_->Put("/api/v1/complaint-settings", settings, admin), 422, "canned_responses"));
  ASSERT_EQ(h_->Put("/api/v1/complaint-settings", before, admin).status, 200);
}

TEST_F(ComplaintAdminTest, WhenItHappenedIsACalendarDateOfTheOrganisationsZone) {
  Auth admin = h_->BearerOf(Role::kAdmin);
  Auth handler = h_->BearerOf(Role::kHandler);
  const Json before = h_->Get("/api/v1/complaint-settings", admin).json();
  Json settings = before;
  settings["calendar"]["time_zone"] = "Pacific/Auckland";  // UTC+13 in November
  ASSERT_EQ(h_->Put("/api/v1/complaint-settings", settings, admin).status, 200);
  const TimePoint was = h_->clock().Now();
  h_->clock().Set(*ParseTimestamp("2026-11-20T12:00:00Z"));  // 21 November, 01:00 in Auckland
  auto file = [&](const Json& occurred) {
    return h_->Post("/api/v1/complaints",
                    {{"channel", "phone"}, {"summary", "s"}, {"description", "d"}, {"occurred_on", occurred}}, handler);
  };
  Reply today = file("2026-11-21");
  EXPECT_EQ(today.status, 201) << today.body;
  EXPECT_EQ(today.json()["occurred_on"], "2026-11-21");
  Reply fetched = h_->Get("/api/v1/complaints/" + std::to_string(today.json()["id"].get<Id>()), handler);
  EXPECT_EQ(fetched.json()["occurred_on"], "2026-11-21");
  EXPECT_TRUE(IsProblem(file("2026-11-22"), 422, "occurred_on"));
  EXPECT_TRUE(IsProblem(file("21/11/2026"), 422, "occurred_on"));
  EXPECT_TRUE(IsProblem(file(20261121), 422, "occurred_on"));
  EXPECT_EQ(file(nullptr).json()["occurred_on"], nullptr);
  Reply old_name = h_->Post("/api/v1/complaints",
                            {{"channel", "phone"}, {"summary", "s"}, {"description", "d"},
                             {"occurred_at", "2026-11-20T00:00:00Z"}},
                            handler);
  EXPECT_TRUE(IsProblem(old_name, 422, "occurred_at")) << old_name.body;
  h_->clock().Set(was);
  ASSERT_EQ(h_->Put("/api/v1/complaint-settings", before, admin).status, 200);
}

TEST_F(ComplaintAdminTest, AnalysisCountsParetoAndChartsOverStoredComplaints) {
  Id late = Category("Late delivery");
  Id damaged = Category("Damaged");
  File("Late 1", "2026-01-05T10:00:00Z", late);
  File("Late 2", "2026-01-20T10:00:00Z", late);
  File("Late 3", "2026-02-10T10:00:00Z", late, Channel::kPhone);
  File("Broken", "2026-03-03T10:00:00Z", damaged);
  File("No category", "2026-03-04T10:00:00Z");
  File("Outside the range", "2026-05-01T10:00:00Z", late);

  Auth viewer = h_->BearerOf(Role::kViewer);
  const std::string target = "/api/v1/complaints/analysis?period=month&from=2026-01-01&to=2026-03-31";
  Reply reply = h_->Get(target, viewer);
  ASSERT_EQ(reply.status, 200) << reply.body;
  Json a = reply.json();
  EXPECT_EQ(a["total"], 5);
  ASSERT_FALSE(a["by_category"].empty());
  EXPECT_EQ(a["by_category"][0]["label"], "Late delivery");
  EXPECT_EQ(a["by_category"][0]["count"], 3);
  ASSERT_EQ(a["by_period"].size(), 3u);
  EXPECT_EQ(a["by_period"][0]["period"], "2026-01");
  EXPECT_EQ(a["by_period"][0]["count"], 2);
  EXPECT_EQ(a["by_period"][2]["count"], 2);
  ASSERT_FALSE(a["pareto"].empty());
  EXPECT_EQ(a["pareto"][0]["label"], "Late delivery");
  EXPECT_NEAR(a["pareto"][0]["share"].get<double>(), 0.6, 1e-9);
  EXPECT_NEAR(a["pareto"].back()["cumulative_share"].get<double>(), 1.0, 1e-9);
  ASSERT_TRUE(a["c_chart"].is_object()) << reply.body;
  EXPECT_EQ(a["c_chart"]["points"].size(), 3u);
  EXPECT_TRUE(a["u_chart"].is_null());
  EXPECT_TRUE(a.contains("time_to_acknowledge"));
  EXPECT_TRUE(a.contains("within_sla"));
  EXPECT_TRUE(a.contains("reopen_rate"));
  EXPECT_TRUE(a.contains("satisfaction"));

  // Filters are those of the list.
  Reply phone = h_->Get(target + "&channel=phone", viewer);
  ASSERT_EQ(phone.status, 200) << phone.body;
  EXPECT_EQ(phone.json()["total"], 1);

  // The u-chart appears once every period of the range has a volume.
  Auth qm = h_->BearerOf(Role::kQualityManager);
  ASSERT_EQ(h_->Put("/api/v1/period-volumes/2026-01", {{"volume", 100}, {"unit", "orders"}}, qm).status, 200);
  ASSERT_EQ(h_->Put("/api/v1/period-volumes/2026-02", {{"volume", 80}, {"unit", "orders"}}, qm).status, 200);
  EXPECT_TRUE(h_->Get(target, viewer).json()["u_chart"].is_null());
  ASSERT_EQ(h_->Put("/api/v1/period-volumes/2026-03", {{"volume", 120}, {"unit", "orders"}}, qm).status, 200);
  Json with_u = h_->Get(target, viewer).json();
  ASSERT_TRUE(with_u["u_chart"].is_object()) << with_u.dump();
  ASSERT_EQ(with_u["u_chart"]["points"].size(), 3u);
  EXPECT_NEAR(with_u["u_chart"]["points"][0]["value"].get<double>(), 0.02, 1e-9);
  EXPECT_EQ(with_u["u_chart"]["points"][1]["volume"], 80.0);

  Reply weekly = h_->Get("/api/v1/complaints/analysis?period=week&from=2026-01-01&to=2026-01-31", viewer);
  ASSERT_EQ(weekly.status, 200) << weekly.body;
  EXPECT_EQ(weekly.json()["total"], 2);
  EXPECT_EQ(weekly.json()["by_period"][0]["period"], "2026-W01");
}

TEST_F(ComplaintAdminTest, AnalysisRefusesBadParameters) {
  Auth viewer = h_->BearerOf(Role::kViewer);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints/analysis?period=year", viewer), 422, "period"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints/analysis?from=yesterday", viewer), 422, "from"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints/analysis?from=2026-03-01&to=2026-01-01", viewer), 422, "to"));
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints/analysis?state=lost", viewer), 422, "state"));
  Reply empty = h_->Get("/api/v1/complaints/analysis", viewer);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.json()["total"], 0);
}

TEST_F(ComplaintAdminTest, AnalysisCountsCategoriesAtALevelWithTheRestAsOther) {
  Id billing = Category("Billing");
  Id late = Category("Late fee", billing);
  Id refund = Category("Refund", billing);
  Id slow = Category("Slow", refund);
  Id delivery = Category("Delivery");
  for (int i = 0; i < 3; ++i) File("Late " + std::to_string(i), "2026-01-05T10:00:00Z", late);
  for (int i = 0; i < 2; ++i) File("Slow " + std::to_string(i), "2026-01-06T10:00:00Z", slow);
  File("Billing itself", "2026-01-07T10:00:00Z", billing);
  File("Delivery", "2026-01-08T10:00:00Z", delivery);
  Auth viewer = h_->BearerOf(Role::kViewer);
  const std::string target = "/api/v1/complaints/analysis?from=2026-01-01&to=2026-01-31";

  // The top level by default: Billing holds its whole subtree.
  Json top = h_->Get(target, viewer).json();
  EXPECT_EQ(top["category_level"], 1);
  EXPECT_EQ(top["category_depth"], 3);
  EXPECT_EQ(top["category_groups"], 2);
  EXPECT_EQ(top["top"], 10);
  ASSERT_EQ(top["by_category"].size(), 2u) << top.dump();
  EXPECT_EQ(top["by_category"][0], (Json{{"key", billing}, {"label", "Billing"}, {"count", 6}}));
  EXPECT_EQ(top["pareto"][0]["label"], "Billing");
  EXPECT_NEAR(top["pareto"][0]["share"].get<double>(), 6.0 / 7, 1e-12);

  // Level 2 keys each group by its node; top=2 sums the rest as "Other".
  Reply second = h_->Get(target + "&category_level=2&top=2", viewer);
  ASSERT_EQ(second.status, 200) << second.body;
  Json a = second.json();
  EXPECT_EQ(a["category_groups"], 4);
  ASSERT_EQ(a["by_category"].size(), 3u) << a.dump();
  EXPECT_EQ(a["by_category"][0], (Json{{"key", late}, {"label", "Billing / Late fee"}, {"count", 3}}));
  EXPECT_EQ(a["by_category"][1], (Json{{"key", refund}, {"label", "Billing / Refund"}, {"count", 2}}));
  EXPECT_EQ(a["by_category"][2], (Json{{"key", nullptr}, {"label", "Other"}, {"count", 2}, {"other_groups", 2}}));
  ASSERT_EQ(a["pareto"].size(), 3u);
  EXPECT_EQ(a["pareto"][2]["other_groups"], 2);
  EXPECT_NEAR(a["pareto"][1]["cumulative_share"].get<double>(), 5.0 / 7, 1e-12);
  EXPECT_NEAR(a["pareto"][2]["cumulative_share"].get<double>(), 1.0, 1e-12);

  // top=all keeps every group; the list filter by a node still takes its subtree.
  Json every = h_->Get(target + "&category_level=3&top=all", viewer).json();
  EXPECT_TRUE(every["top"].is_null());
  ASSERT_EQ(every["by_category"].size(), 4u);
  EXPECT_EQ(every["by_category"][1]["label"], "Billing / Refund / Slow");
  Json refund_only = h_->Get(target + "&category_id=" + std::to_string(refund), viewer).json();
  EXPECT_EQ(refund_only["total"], 2);
}

TEST_F(ComplaintAdminTest, AnalysisBaselineSetsTheControlLimits) {
  // Jan–Jun 2026: 1, 5, 2, 2, 2, 9 complaints.
  const std::vector<int> counts = {1, 5, 2, 2, 2, 9};
  for (std::size_t m = 0; m < counts.size(); ++m)
    for (int i = 0; i < counts[m]; ++i)
      File("Month " + std::to_string(m + 1), "2026-0" + std::to_string(m + 1) + "-1" + std::to_string(i) + "T10:00:00Z");
  Auth viewer = h_->BearerOf(Role::kViewer);
  Reply reply = h_->Get("/api/v1/complaints/analysis?from=2026-01-01&to=2026-06-30&baseline_from=2026-03&baseline_to=2026-05",
                        viewer);
  ASSERT_EQ(reply.status, 200) << reply.body;
  Json c = reply.json()["c_chart"];
  // c̄ = (2 + 2 + 2) / 3 = 2, UCL = 2 + 3·√2 = 6.2426, LCL = 0: June's 9 is out.
  EXPECT_DOUBLE_EQ(c["center"].get<double>(), 2.0);
  EXPECT_NEAR(c["ucl"].get<double>(), 6.2426, 1e-4);
  EXPECT_EQ(c["baseline"], (Json{{"from", "2026-03"}, {"to", "2026-05"}, {"periods", 3}}));
  ASSERT_EQ(c["points"].size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(c["points"][i]["used_for_limits"], i >= 2 && i <= 4) << i;
    EXPECT_EQ(c["points"][i]["out_of_control"], i == 5) << i;
  }
  // Without a baseline every period sets them: 21 / 6 = 3.5.
  Json all = h_->Get("/api/v1/complaints/analysis?from=2026-01-01&to=2026-06-30", viewer).json()["c_chart"];
  EXPECT_DOUBLE_EQ(all["center"].get<double>(), 3.5);
  EXPECT_EQ(all["baseline"]["periods"], 6);
  // Weeks take week keys.
  Reply weekly = h_->Get("/api/v1/complaints/analysis?period=week&from=2026-01-01&to=2026-01-31&baseline_from=2026-W02",
                         viewer);
  ASSERT_EQ(weekly.status, 200) << weekly.body;
  EXPECT_EQ(weekly.json()["c_chart"]["baseline"]["from"], "2026-W02");
}

TEST_F(ComplaintAdminTest, AnalysisRefusesBadLevelTopAndBaselineNamingEach) {
  File("One", "2026-01-05T10:00:00Z");
  File("Two", "2026-03-05T10:00:00Z");
  Auth viewer = h_->BearerOf(Role::kViewer);
  const std::string analysis = "/api/v1/complaints/analysis?from=2026-01-01&to=2026-03-31";
  for (const char* bad : {"0", "-1", "7", "two", "1.5", "1e3"})
    EXPECT_TRUE(IsProblem(h_->Get(analysis + "&category_level=" + bad, viewer), 422, "category_level")) << bad;
  for (const char* bad : {"0", "101", "none", "10%20", "-5"})
    EXPECT_TRUE(IsProblem(h_->Get(analysis + "&top=" + bad, viewer), 422, "top")) << bad;
  EXPECT_EQ(h_->Get(analysis + "&top=100&category_level=6", viewer).status, 200);
  // A baseline of the other period kind, malformed, outside the range, or reversed.
  EXPECT_TRUE(IsProblem(h_->Get(analysis + "&baseline_from=2026-W02", viewer), 422, "baseline_from"));
  EXPECT_TRUE(IsProblem(h_->Get(analysis + "&period=week&baseline_to=2026-02", viewer), 422, "baseline_to"));
  EXPECT_TRUE(IsProblem(h_->Get(analysis + "&baseline_from=2026-13", viewer), 422, "baseline_from"));
  EXPECT_TRUE(IsProblem(h_->Get(analysis + "&baseline_from=2025-12", viewer), 422, "baseline_from"));
  EXPECT_TRUE(IsProblem(h_->Get(analysis + "&baseline_to=2026-04", viewer), 422, "baseline_to"));
  EXPECT_TRUE(IsProblem(h_->Get(analysis + "&baseline_from=2026-03&baseline_to=2026-01", viewer), 422, "baseline_to"));
  // Every bad parameter at once, the list filters' too.
  Reply many = h_->Get("/api/v1/complaints/analysis?top=0&category_level=0&state=lost", viewer);
  EXPECT_TRUE(IsProblem(many, 422, "top")) << many.body;
  EXPECT_TRUE(IsProblem(many, 422, "category_level")) << many.body;
  EXPECT_TRUE(IsProblem(many, 422, "state")) << many.body;
}

// ---- Export -----------------------------------------------------------------------

TEST_F(ComplaintAdminTest, CsvExportHasHeaderAndInertFormulas) {
  File("=HYPERLINK(\"http://evil.example\",\"click\")", "2026-09-01T10:00:00Z");
  File("Ordinary complaint", "2026-09-02T10:00:00Z");
  Reply csv = h_->Get("/api/v1/complaints/export.csv", h_->BearerOf(Role::kQualityManager));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("transfer-encoding"), "chunked");  // streamed, never held whole
  EXPECT_EQ(csv.Header("content-length"), "");
  EXPECT_EQ(csv.Header("content-disposition"), "attachment; filename=\"complaints-2026-09-21.csv\"");
  ASSERT_GT(csv.body.size(), 3u);
  const std::string text = csv.body.substr(csv.body.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0);
  const std::string header = text.substr(0, text.find("\r\n"));
  EXPECT_NE(header.find("reference"), std::string::npos) << header;
  EXPECT_NE(text.find("Ordinary complaint"), std::string::npos);
  EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos) << text;
  EXPECT_EQ(text.find(",\"=HYPERLINK"), std::string::npos) << text;
  EXPECT_NE(text.find("'=HYPERLINK"), std::string::npos) << text;
  // Three lines: the header and two complaints.
  size_t lines = 0;
  for (size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at + 2)) ++lines;
  EXPECT_EQ(lines, 3u);
  // Filtered like the list.
  Reply one = h_->Get("/api/v1/complaints/export.csv?q=Ordinary", h_->BearerOf(Role::kAdmin));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.body.find("HYPERLINK"), std::string::npos);
}

TEST_F(ComplaintAdminTest, CsvExportPagesByIdSoArrivalsAreNeitherSkippedNorRepeated) {
  for (int i = 0; i < 4; ++i) File("Case " + std::to_string(i), "2026-09-0" + std::to_string(i + 2) + "T10:00:00Z");
  std::string text;
  auto source = ComplaintCsvSource(h_->store(), {}, text, 1);  // one complaint per piece
  ASSERT_TRUE(source.ok()) << source.error().message;
  BodyPiece state = BodyPiece::kMore;
  int pulls = 0;
  while (state == BodyPiece::kMore) {
    // Older complaints arrive mid-export (as an import files them).
    if (pulls < 2) File("Arrival " + std::to_string(pulls), "2026-08-0" + std::to_string(pulls + 1) + "T10:00:00Z");
    std::string piece;
    state = (*source)(piece);
    text += piece;
    ++pulls;
  }
  ASSERT_EQ(state, BodyPiece::kLast);
  for (const char* summary : {"Case 0", "Case 1", "Case 2", "Case 3", "Arrival 0", "Arrival 1"}) {
    const size_t at = text.find(summary);
    ASSERT_NE(at, std::string::npos) << summary << " is missing:\n" << text;
    EXPECT_EQ(text.find(summary, at + 1), std::string::npos) << summary << " is repeated:\n" << text;
  }
  EXPECT_LT(text.find("Case 3"), text.find("Arrival 0"));  // id order: the arrivals come last
}

// Every role that reads complaints may take them away (issue 7).
TEST_F(ComplaintAdminTest, XlsxExportIsAZipWorkbookForEveryRoleThatReadsComplaints) {
  File("A complaint", "2026-09-01T10:00:00Z");
  Reply xlsx = h_->Get("/api/v1/complaints/export.xlsx", h_->BearerOf(Role::kQualityManager));
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(xlsx.Header("transfer-encoding"), "chunked");
  EXPECT_NE(xlsx.body.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_EQ(xlsx.Header("content-disposition"), "attachment; filename=\"complaints-2026-09-21.xlsx\"");
  EXPECT_EQ(xlsx.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(h_->Get("/api/v1/complaints/export.xlsx", h_->BearerOf(Role::kHandler)).status, 200);
  EXPECT_EQ(h_->Get("/api/v1/complaints/export.csv", h_->BearerOf(Role::kViewer)).status, 200);
  EXPECT_TRUE(IsProblem(h_->Get("/api/v1/complaints/export.csv", {}), 401));
}


// ---- Import -------------------------------------------------------------------------

// The header and the first `records` records of the CFPB sample (records may
// span lines: narratives are quoted and contain line breaks).
std::string CfpbSnippet(size_t records) {
  // An absolute path from the build (__FILE__ may be relative, e.g. under ccache).
  const std::string path = std::string(HEARKEN_INGEST_TESTDATA) + "/cfpb_complaints_sample_1000.csv";
  std::ifstream in(path, std::ios::binary);
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  bool quoted = false;
  size_t ends = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '\n' && !quoted && ++ends == records + 1) return text.substr(0, i + 1);
  }
  return text;
}

TEST_F(ComplaintAdminTest, CfpbImportFilesEachComplaintOnceAndCreatesCategories) {
  const std::string csv = CfpbSnippet(20);
  ASSERT_GT(csv.size(), 1000u);
  Auth qm = h_->BearerOf(Role::kQualityManager);
  Reply first = Send(h_->port(), "POST", "/api/v1/complaints/import?format=cfpb", csv, qm, {}, "text/csv");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["created"], 20);
  EXPECT_EQ(first.json()["skipped_duplicates"], 0);
  EXPECT_GT(first.json()["categories_created"].get<int>(), 0);
  Reply again = Send(h_->port(), "POST", "/api/v1/complaints/import?format=cfpb", csv, qm, {}, "text/csv");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["created"], 0);
  EXPECT_EQ(again.json()["skipped_duplicates"], 20);

  auto listed = h_->store().complaints().ListComplaints({}, ListOptions{});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->total, 20);
  Reply analysis = h_->Get("/api/v1/complaints/analysis", h_->BearerOf(Role::kViewer));
  ASSERT_EQ(analysis.status, 200) << analysis.body;
  EXPECT_EQ(analysis.json()["total"], 20);
  EXPECT_EQ(analysis.json()["pareto_top_level"][0]["label"], "Credit reporting or other personal consumer reports");
  EXPECT_EQ(analysis.json()["pareto_top_level"][0]["count"], 10);
}

TEST_F(ComplaintAdminTest, ImportRefusesUnknownFormatBadRowsAndOtherRoles) {
  Auth qm = h_->BearerOf(Role::kQualityManager);
  const std::string csv = CfpbSnippet(3);
  EXPECT_TRUE(IsProblem(Send(h_->port(), "POST", "/api/v1/complaints/import", csv, qm, {}, "text/csv"), 422,
                        "format"));
  EXPECT_TRUE(IsProblem(
      Send(h_->port(), "POST", "/api/v1/complaints/import?format=excel", csv, qm, {}, "text/csv"), 422, "format"));
  Reply bad = Send(h_->port(), "POST", "/api/v1/complaints/import?format=cfpb", "Complaint ID,Product\r\nx,y\r\n",
                   qm, {}, "text/csv");
  EXPECT_TRUE(IsProblem(bad, 422)) << bad.status << " " << bad.body;
  EXPECT_TRUE(IsProblem(Send(h_->port(), "POST", "/api/v1/complaints/import?format=cfpb", csv,
                             h_->BearerOf(Role::kHandler), {}, "text/csv"),
                        403));
  EXPECT_EQ(h_->store().complaints().ListComplaints({}, ListOptions{})->total, 0);
}

TEST_F(ComplaintAdminTest, ImportAcceptsBodiesBeyondTheDefaultLimit) {
  // 3 records padded past the server's default 1 MiB body limit with blank
  // lines, which the CFPB reader skips.
  std::string csv = CfpbSnippet(3) + std::string(2u << 20, '\n');
  Reply reply = Send(h_->port(), "POST", "/api/v1/complaints/import?format=cfpb", csv,
                     h_->BearerOf(Role::kAdmin), {}, "text/csv");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["created"], 3);
  // Other routes keep the default limit.
  Reply big = Send(h_->port(), "POST", "/api/v1/corrective-actions",
                   "{\"title\": \"" + std::string(2u << 20, 'x') + "\"}", h_->BearerOf(Role::kAdmin));
  EXPECT_EQ(big.status, 413);
}

}  // namespace

// ---- The filter parser (no server) ---------------------------------------------------------

namespace {

HttpRequest Request(const std::string& target) {
  HttpRequest request;
  request.method = "GET";
  request.target = target;
  SplitTarget(target, &request.path, &request.query);
  return request;
}

TEST(ComplaintFilterTest, ReadsEveryListFilter) {
  auto f = ParseComplaintFilter(
      Request("/x?queue=mine&state=received,acknowledged&state=closed&category_id=4&severity=2&segment_id=5"
              "&site=Leeds&channel=email&intake=public_form&customer_id=6&from=2026-01-01&to=2026-01-31&q=late+parcel"),
      Id{7});
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->assignee_id, Id{7});
  EXPECT_EQ(f->states, (std::vector<ComplaintState>{ComplaintState::kReceived, ComplaintState::kAcknowledged,
                                                    ComplaintState::kClosed}));
  EXPECT_EQ(f->category_id, Id{4});
  EXPECT_EQ(f->severity, 2);
  EXPECT_EQ(f->segment_id, Id{5});
  EXPECT_EQ(f->site, "Leeds");
  EXPECT_EQ(f->channel, Channel::kEmail);
  EXPECT_EQ(f->intake, ComplaintIntake::kPublicForm);
  EXPECT_EQ(f->customer_id, Id{6});
  EXPECT_EQ(f->received_from, *ParseTimestamp("2026-01-01"));
  // A date-only `to` includes its day.
  EXPECT_EQ(f->received_to, *ParseTimestamp("2026-02-01"));
  EXPECT_EQ(f->search, "late parcel");
}

TEST(ComplaintFilterTest, QueuesSetTheirFlags) {
  EXPECT_TRUE(ParseComplaintFilter(Request("/x?queue=open"), {})->open_only);
  EXPECT_TRUE(ParseComplaintFilter(Request("/x?queue=overdue"), {})->overdue);
  auto unassigned = ParseComplaintFilter(Request("/x?queue=unassigned"), {});
  EXPECT_TRUE(unassigned->unassigned);
  EXPECT_TRUE(unassigned->open_only);
  EXPECT_EQ(ParseComplaintFilter(Request("/x?to=2026-01-31T12:00:00Z"), {})->received_to,
            *ParseTimestamp("2026-01-31T12:00:00Z"));
  auto none = ParseComplaintFilter(Request("/x?limit=5&sort=-received_at"), {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->states.empty());
  EXPECT_FALSE(none->open_only);
}

TEST(ComplaintFilterTest, NamesEveryBadParameter) {
  auto f = ParseComplaintFilter(
      Request("/x?queue=mine&state=lost&severity=9&channel=pigeon&category_id=0&from=soon&to=2020-01-01"), {});
  ASSERT_FALSE(f.ok());
  std::vector<std::string> fields;
  for (const auto& e : f.error().fields) fields.push_back(e.field);
  for (const char* name : {"queue", "state", "severity", "channel", "category_id", "from"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), name), fields.end()) << name;
  auto reversed = ParseComplaintFilter(Request("/x?from=2026-02-01&to=2026-01-01"), {});
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().fields.at(0).field, "to");
}

}  // namespace
}  // namespace hearken::http::testing
