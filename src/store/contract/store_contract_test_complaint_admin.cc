// Contract tests of Store: complaint settings, the category taxonomy, the
// batch import, handling ratings, corrective actions, period volumes, the
// analysis facts and the job locks.
#include <atomic>
#include <future>
#include <thread>

#include "core/complaint_json.h"
#include "store/contract/store_contract_test.h"

namespace hearken {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

ComplaintIntakeFields AdminIntake(const std::string& summary) {
  ComplaintIntakeFields f;
  f.summary = summary;
  f.description = "What happened: " + summary;
  f.contact_name = "Carla Complainant";
  f.contact_email = "carla@example.org";
  f.consent_contact = true;
  return f;
}

ImportedComplaint ImportRow(const std::string& ref, std::vector<std::string> path) {
  ImportedComplaint row;
  row.fields = AdminIntake("imported " + ref);
  row.fields.intake = ComplaintIntake::kImport;
  row.fields.channel = Channel::kPhone;
  row.fields.external_ref = ref;
  row.fields.received_at = *ParseTimestamp("2025-06-02T00:00:00Z");
  row.category_path = std::move(path);
  row.source_outcome = "Closed with explanation";
  row.source_timely = true;
  row.sent_at = *ParseTimestamp("2025-06-04T00:00:00Z");
  return row;
}

ComplaintCategory Category(const std::string& name, std::optional<Id> parent = {}) {
  ComplaintCategory c;
  c.name = name;
  c.parent_id = parent;
  return c;
}

std::vector<std::string> Paths(const std::vector<ComplaintCategory>& categories) {
  std::vector<std::string> out;
  for (const auto& c : categories) out.push_back(c.path);
  return out;
}

class AdminKit {
 public:
  AdminKit(SqlStore& store, const WriteContext& ctx) : store_(store), ctx_(ctx) {}

  Complaint File(const std::string& summary, ComplaintIntakeFields f = {}) {
    if (f.summary.empty()) f = AdminIntake(summary);
    auto c = store_.complaints().CreateComplaint(ctx_, f, "status-hash-" + std::to_string(++tokens_));
    EXPECT_TRUE(c.ok()) << ErrorText(c);
    return c.ok() ? *c : Complaint{};
  }
  ComplaintCategory AddCategory(const std::string& name, std::optional<Id> parent = {}) {
    auto c = store_.complaint_admin().CreateCategory(ctx_, Category(name, parent));
    EXPECT_TRUE(c.ok()) << ErrorText(c);
    return c.ok() ? *c : ComplaintCategory{};
  }
  // Closes a complaint directly in the database (the lifecycle is tested elsewhere).
  void ForceClosed(Id id) {
    ASSERT_TRUE(store_.ExecuteScript("UPDATE complaints SET state = 'closed' WHERE id = " + std::to_string(id)).ok());
  }
  std::vector<AuditEntry> Timeline(Id complaint_id) {
    AuditFilter filter;
    filter.complaint_id = complaint_id;
    ListOptions all;
    all.limit = 500;
    auto page = store_.audit().ListAudit(filter, all);
    EXPECT_TRUE(page.ok()) << ErrorText(page);
    return page.ok() ? page->items : std::vector<AuditEntry>{};
  }

 private:
  SqlStore& store_;
  const WriteContext& ctx_;
  int tokens_ = 0;
};

bool HasEntry(const std::vector<AuditEntry>& entries, const std::string& type, const std::string& action) {
  for (const auto& e : entries)
    if (e.entity_type == type && e.action == action) return true;
  return false;
}

// ---- Settings ----------------------------------------------------------------------

TEST_P(StoreContractTest, ComplaintSettingsDefaultToTheOrganisationTimeZone) {
  HEARKEN_ASSERT_OK(store_->organisation().UpdateSettings(ctx_, {"Acme", "Europe/Berlin", {}}));
  auto settings = store_->complaint_admin().GetComplaintSettings();
  HEARKEN_ASSERT_OK(settings);
  ComplaintSettings expected = DefaultComplaintSettings();
  expected.calendar.time_zone = "Europe/Berlin";
  EXPECT_EQ(settings->calendar, expected.calendar);
  EXPECT_EQ(settings->sla, expected.sla);
  EXPECT_EQ(settings->acknowledgement, expected.acknowledgement);
  EXPECT_EQ(settings->closure_notice, expected.closure_notice);
}

TEST_P(StoreContractTest, ComplaintSettingsRoundTripAndAreAudited) {
  ComplaintSettings s = DefaultComplaintSettings();
  s.calendar.time_zone = "America/New_York";
  s.calendar.holidays = {std::chrono::year{2026} / std::chrono::December / std::chrono::day{25}};
  s.sla.warn_at_percent = 60;
  s.sla.by_severity[0].resolve = {3, SlaUnit::kBusinessDays};
  s.mail_from = "complaints@example.org";
  s.mail_from_name = "Acme Complaints";
  s.public_base_url = "https://hearken.example.org";
  s.decision.subject = "Our decision on {{reference}}";
  auto updated = store_->complaint_admin().UpdateComplaintSettings(ctx_, s);
  HEARKEN_ASSERT_OK(updated);
  EXPECT_EQ(updated->updated_at, clock_.Now());
  auto read = store_->complaint_admin().GetComplaintSettings();
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->calendar, s.calendar);
  EXPECT_EQ(read->sla, s.sla);
  EXPECT_EQ(read->closure.no_reply_days, s.closure.no_reply_days);
  EXPECT_EQ(read->mail_from, "complaints@example.org");
  EXPECT_EQ(read->mail_from_name, "Acme Complaints");
  EXPECT_EQ(read->public_base_url, "https://hearken.example.org");
  EXPECT_EQ(read->decision, s.decision);
  EXPECT_EQ(read->updated_at, clock_.Now());
  // A later change of the organisation's zone no longer moves the saved calendar.
  HEARKEN_ASSERT_OK(store_->organisation().UpdateSettings(ctx_, {"Acme", "Asia/Tokyo", {}}));
  EXPECT_EQ(store_->complaint_admin().GetComplaintSettings()->calendar.time_zone, "America/New_York");
  auto audit = AllAudit();
  ASSERT_TRUE(HasEntry(audit, "complaint_settings", "update"));

  ComplaintSettings bad = s;
  bad.public_base_url = "ftp://example.org";
  bad.acknowledgement.body = "Hello {{nonsense}}";
  auto refused = store_->complaint_admin().UpdateComplaintSettings(ctx_, bad);
  HEARKEN_EXPECT_ERROR(refused, kInvalidArgument);
  EXPECT_TRUE(NamesField(refused, "templates/acknowledgement/body")) << ErrorText(refused);
  EXPECT_TRUE(NamesField(refused, "public_base_url")) << ErrorText(refused);
  EXPECT_EQ(store_->complaint_admin().GetComplaintSettings()->public_base_url, "https://hearken.example.org");
}

// ---- Categories ----------------------------------------------------------------------

TEST_P(StoreContractTest, CategoryPathsFollowTheTreeAndRenamesReachTheDescendants) {
  AdminKit kit(*store_, ctx_);
  auto mortgage = kit.AddCategory("Mortgage");
  auto conventional = kit.AddCategory("Conventional", mortgage.id);
  auto escrow = kit.AddCategory("Escrow", conventional.id);
  kit.AddCategory("Bank account");
  EXPECT_EQ(escrow.path, "Mortgage / Conventional / Escrow");
  EXPECT_EQ(escrow.parent_id, conventional.id);
  EXPECT_TRUE(escrow.active);
  EXPECT_EQ(escrow.created_at, clock_.Now());

  ComplaintCategory renamed = mortgage;
  renamed.name = "Home loans";
  renamed.parent_id = escrow.id;  // ignored: the parent does not change
  renamed.active = false;
  auto updated = store_->complaint_admin().UpdateCategory(ctx_, renamed);
  HEARKEN_ASSERT_OK(updated);
  EXPECT_EQ(updated->path, "Home loans");
  EXPECT_FALSE(updated->parent_id.has_value());
  EXPECT_FALSE(updated->active);
  EXPECT_EQ(store_->complaint_admin().GetCategory(escrow.id)->path, "Home loans / Conventional / Escrow");
  auto all = store_->complaint_admin().ListCategories();
  HEARKEN_ASSERT_OK(all);
  EXPECT_THAT(Paths(*all), ElementsAre("Bank account", "Home loans", "Home loans / Conventional",
                                       "Home loans / Conventional / Escrow"));
  EXPECT_TRUE(HasEntry(AllAudit(), "complaint_category", "update"));
  HEARKEN_EXPECT_ERROR(store_->complaint_admin().GetCategory(9999), kNotFound);
}

TEST_P(StoreContractTest, CategoryNamesAreUniqueAmongSiblingsAndDepthIsLimited) {
  AdminKit kit(*store_, ctx_);
  auto cards = kit.AddCategory("Cards");
  auto loans = kit.AddCategory("Loans");
  kit.AddCategory("Fees", cards.id);
  auto same_elsewhere = store_->complaint_admin().CreateCategory(ctx_, Category("Fees", loans.id));
  HEARKEN_ASSERT_OK(same_elsewhere);
  auto twin = store_->complaint_admin().CreateCategory(ctx_, Category("fEES", cards.id));
  HEARKEN_EXPECT_ERROR(twin, kAlreadyExists);
  EXPECT_TRUE(NamesField(twin, "name"));
  HEARKEN_EXPECT_ERROR(store_->complaint_admin().CreateCategory(ctx_, Category("CARDS")), kAlreadyExists);
  ComplaintCategory clash = loans;
  clash.name = "cards";
  HEARKEN_EXPECT_ERROR(store_->complaint_admin().UpdateCategory(ctx_, clash), kAlreadyExists);
  HEARKEN_EXPECT_ERROR(store_->complaint_admin().CreateCategory(ctx_, Category("Orphan", 9999)), kNotFound);
  auto slash = store_->complaint_admin().CreateCategory(ctx_, Category("A/B"));
  HEARKEN_EXPECT_ERROR(slash, kInvalidArgument);
  EXPECT_TRUE(NamesField(slash, "name"));

  std::optional<Id> parent;
  for (size_t depth = 1; depth <= kMaxCategoryDepth; ++depth) parent = kit.AddCategory("Level", parent).id;
  HEARKEN_EXPECT_ERROR(store_->complaint_admin().CreateCategory(ctx_, Category("Too deep", parent)), kFailedPrecondition);
}

// ---- Import ------------------------------------------------------------------------

TEST_P(StoreContractTest, ImportFilesRowsFindsOrCreatesCategoriesAndSkipsDuplicates) {
  AdminKit kit(*store_, ctx_);
  auto mortgage = kit.AddCategory("Mortgage");
  kit.File("", [] {
    auto f = AdminIntake("already here");
    f.external_ref = "CFPB-1";
    return f;
  }());
  std::vector<ImportedComplaint> rows = {
      ImportRow("CFPB-1", {"Mortgage"}),                        // filed before
      ImportRow("CFPB-2", {"mortgage", "Escrow", "Late fee"}),  // finds Mortgage, makes two
      ImportRow("CFPB-3", {"Mortgage", "escrow"}),              // all found
      ImportRow("CFPB-2", {"Mortgage"}),                        // repeated within the batch
      ImportRow("CFPB-4", {}),                                  // uncategorised
  };
  rows[2].source_timely = false;
  rows[2].sent_at.reset();
  auto report = store_->complaints().ImportComplaints(ctx_, rows);
  HEARKEN_ASSERT_OK(report);
  EXPECT_EQ(report->created, 3);
  EXPECT_EQ(report->skipped_duplicates, 2);
  EXPECT_EQ(report->categories_created, 2);

  auto categories = store_->complaint_admin().ListCategories();
  HEARKEN_ASSERT_OK(categories);
  EXPECT_THAT(Paths(*categories), ElementsAre("Mortgage", "Mortgage / Escrow", "Mortgage / Escrow / Late fee"));
  EXPECT_EQ((*categories)[0].id, mortgage.id);

  ComplaintFilter imported;
  imported.intake = ComplaintIntake::kImport;
  auto facts = ScanAll(imported);
  ASSERT_EQ(facts.size(), 3u);
  std::map<std::string, Complaint> by_ref;
  for (const auto& f : facts) {
    auto c = store_->complaints().GetComplaint(f.id);
    HEARKEN_ASSERT_OK(c);
    EXPECT_EQ(c->intake.intake, ComplaintIntake::kImport);
    EXPECT_EQ(c->received_at, *ParseTimestamp("2025-06-02T00:00:00Z"));
    EXPECT_EQ(c->source_outcome, "Closed with explanation");
    by_ref[c->intake.external_ref] = f;
  }
  EXPECT_EQ(by_ref["CFPB-2"].intake.category_id, (*categories)[2].id);  // Mortgage / Escrow / Late fee
  EXPECT_EQ(by_ref["CFPB-2"].source_timely, true);
  EXPECT_EQ(by_ref["CFPB-2"].acknowledged_at, *ParseTimestamp("2025-06-04T00:00:00Z"));
  EXPECT_EQ(by_ref["CFPB-2"].intake.channel, Channel::kPhone);
  EXPECT_EQ(by_ref["CFPB-3"].intake.category_id, (*categories)[1].id);  // Mortgage / Escrow
  EXPECT_EQ(by_ref["CFPB-3"].source_timely, false);
  EXPECT_FALSE(by_ref["CFPB-4"].intake.category_id.has_value());
  // Each complaint its own audit entry, with a distinct status token.
  int creates = 0;
  for (const auto& e : AllAudit()) creates += e.entity_type == "complaint" && e.action == "create";
  EXPECT_EQ(creates, 4);
  EXPECT_NE(store_->complaints().GetComplaint(by_ref["CFPB-2"].id)->status_token_hash,
            store_->complaints().GetComplaint(by_ref["CFPB-3"].id)->status_token_hash);
}

TEST_P(StoreContractTest, ImportWithAnInvalidRowNamesItAndWritesNothing) {
  std::vector<ImportedComplaint> rows = {ImportRow("R-1", {"Cards"}), ImportRow("R-2", {"Cards", "Bad/name"}),
                                         ImportRow("R-3", {})};
  rows[2].fields.summary = "";
  const size_t audit_before = AllAudit().size();
  auto report = store_->complaints().ImportComplaints(ctx_, rows);
  HEARKEN_EXPECT_ERROR(report, kInvalidArgument);
  EXPECT_TRUE(NamesField(report, "rows/1/category_path/1")) << ErrorText(report);
  EXPECT_TRUE(NamesField(report, "rows/2/summary")) << ErrorText(report);
  EXPECT_TRUE(store_->complaint_admin().ListCategories()->empty());
  EXPECT_TRUE(ScanAll().empty());
  EXPECT_EQ(AllAudit().size(), audit_before);

  // An error found while filing (an unknown customer) also rolls the whole batch back.
  std::vector<ImportedComplaint> late = {ImportRow("R-4", {"Cards"}), ImportRow("R-5", {})};
  late[1].fields.customer_id = 9999;
  auto refused = store_->complaints().ImportComplaints(ctx_, late);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("rows/1"));
  EXPECT_TRUE(store_->complaint_admin().ListCategories()->empty());
  EXPECT_TRUE(ScanAll().empty());
}

TEST_P(StoreContractTest, ImportKeepsTheSourcesSeverityResponseTimeReopeningsAndRating) {
  ImportedComplaint row = ImportRow("H-1", {"Billing"});
  row.fields.intake = ComplaintIntake::kEmail;  // a history that knows how each case came in
  row.severity = 2;
  row.responded_at = *ParseTimestamp("2025-06-05T10:00:00Z");
  row.closed_at = *ParseTimestamp("2025-06-09T12:00:00Z");
  row.closure = ClosureKind::kAccepted;
  row.response = ComplaintResponse{"Refunded.", {Remedy::kRefund}, ""};
  row.reopen_count = 1;
  row.rating = ImportedRating{2, "Took too long.", *ParseTimestamp("2025-06-10T08:00:00Z")};
  ImportedComplaint open = ImportRow("H-2", {"Billing"});
  open.severity = 4;
  HEARKEN_ASSERT_OK(store_->complaints().ImportComplaints(ctx_, {row, open}));

  std::map<std::string, Complaint> by_ref;
  for (const auto& c : ScanAll({}, ComplaintDetail::kFull)) by_ref[c.intake.external_ref] = c;
  const Complaint& closed = by_ref.at("H-1");
  EXPECT_EQ(closed.intake.intake, ComplaintIntake::kEmail);
  EXPECT_EQ(closed.state, ComplaintState::kClosed);
  EXPECT_EQ(closed.severity, 2);
  EXPECT_EQ(closed.responded_at, row.responded_at);
  EXPECT_EQ(closed.closed_at, row.closed_at);
  EXPECT_EQ(closed.reopen_count, 1);
  EXPECT_EQ(closed.rating, 2);
  auto rating = store_->ratings().GetRating(closed.id);
  HEARKEN_ASSERT_OK(rating);
  EXPECT_EQ(rating->comment, "Took too long.");
  EXPECT_EQ(rating->rated_at, row.rating->rated_at);
  EXPECT_EQ(by_ref.at("H-2").severity, 4);
  EXPECT_EQ(by_ref.at("H-2").state, ComplaintState::kAcknowledged);
  int rating_entries = 0;
  for (const auto& e : AllAudit()) rating_entries += e.entity_type == "complaint_rating" && e.action == "create";
  EXPECT_EQ(rating_entries, 1);

  // A response after the closure, a rating of an open case, a severity out of range: refused, naming each.
  ImportedComplaint late = row;
  late.fields.external_ref = "H-3";
  late.responded_at = *ParseTimestamp("2025-06-20T00:00:00Z");
  ImportedComplaint rated_open = open;
  rated_open.fields.external_ref = "H-4";
  rated_open.rating = row.rating;
  rated_open.severity = 7;
  auto refused = store_->complaints().ImportComplaints(ctx_, {late, rated_open});
  HEARKEN_EXPECT_ERROR(refused, kInvalidArgument);
  EXPECT_TRUE(NamesField(refused, "rows/0/responded_at")) << ErrorText(refused);
  EXPECT_TRUE(NamesField(refused, "rows/1/rating")) << ErrorText(refused);
  EXPECT_TRUE(NamesField(refused, "rows/1/severity")) << ErrorText(refused);
}

// ---- Ratings -------------------------------------------------------------------------

TEST_P(StoreContractTest, RatingTokenIsForClosedComplaintsAndUsedOnce) {
  AdminKit kit(*store_, ctx_);
  Complaint c = kit.File("Rude staff");
  HEARKEN_EXPECT_ERROR(store_->ratings().IssueRatingToken(ctx_, c.id, "rating-1"), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->ratings().IssueRatingToken(ctx_, 9999, "rating-1"), kNotFound);
  kit.ForceClosed(c.id);
  HEARKEN_ASSERT_OK(store_->ratings().IssueRatingToken(ctx_, c.id, "rating-1"));
  HEARKEN_ASSERT_OK(store_->ratings().IssueRatingToken(ctx_, c.id, "rating-2"));  // replaces the unused one
  HEARKEN_EXPECT_ERROR(store_->ratings().GetComplaintByRatingToken("rating-1"), kNotFound);
  auto shown = store_->ratings().GetComplaintByRatingToken("rating-2");
  HEARKEN_ASSERT_OK(shown);
  EXPECT_EQ(shown->id, c.id);
  HEARKEN_EXPECT_ERROR(store_->ratings().GetRating(c.id), kNotFound);

  HEARKEN_EXPECT_ERROR(store_->ratings().SubmitRating(ctx_, "rating-2", 6, ""), kInvalidArgument);
  HEARKEN_EXPECT_ERROR(store_->ratings().SubmitRating(ctx_, "unknown", 4, ""), kNotFound);
  clock_.Advance(std::chrono::minutes(5));
  auto rated = store_->ratings().SubmitRating(ctx_, "rating-2", 4, "Quick and fair");
  HEARKEN_ASSERT_OK(rated);
  EXPECT_EQ(rated->complaint_id, c.id);
  EXPECT_EQ(rated->rated_at, clock_.Now());
  auto read = store_->ratings().GetRating(c.id);
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->score, 4);
  EXPECT_EQ(read->comment, "Quick and fair");
  EXPECT_EQ(read->rated_at, clock_.Now());

  HEARKEN_EXPECT_ERROR(store_->ratings().SubmitRating(ctx_, "rating-2", 5, ""), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->ratings().GetComplaintByRatingToken("rating-2"), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->ratings().IssueRatingToken(ctx_, c.id, "rating-3"), kFailedPrecondition);
  EXPECT_EQ(store_->ratings().GetRating(c.id)->score, 4);

  auto timeline = kit.Timeline(c.id);
  EXPECT_TRUE(HasEntry(timeline, "complaint_rating", "create"));
  for (const auto& e : AllAudit()) {
    EXPECT_THAT(e.new_value, Not(HasSubstr("rating-2")));
    EXPECT_THAT(e.old_value, Not(HasSubstr("rating-2")));
  }
  auto facts = ScanAll();
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].rating, 4);
  EXPECT_EQ(store_->complaints().GetComplaint(c.id)->rating, 4);
}

// ---- Corrective actions -------------------------------------------------------------

TEST_P(StoreContractTest, CorrectiveActionLinksComplaintsAndShowsInTheirTimelines) {
  AdminKit kit(*store_, ctx_);
  User owner = AddUser("owner@example.org", Role::kQualityManager);
  Complaint a = kit.File("Late parcel");
  Complaint b = kit.File("Late parcel again");
  Complaint c = kit.File("Broken box");
  CorrectiveAction action;
  action.title = "Re-plan courier capacity";
  action.description = "Weekly capacity review with the courier";
  action.owner_id = owner.id;
  action.due_date = std::chrono::year{2026} / std::chrono::April / std::chrono::day{30};
  action.complaint_ids = {b.id, a.id, b.id};
  auto created = store_->corrective_actions().CreateCorrectiveAction(ctx_, action);
  HEARKEN_ASSERT_OK(created);
  EXPECT_THAT(created->complaint_ids, ElementsAre(a.id, b.id));
  EXPECT_EQ(created->status, ActionStatus::kOpen);
  EXPECT_EQ(created->created_by, ctx_.actor.label);
  EXPECT_EQ(created->created_at, clock_.Now());

  auto read = store_->corrective_actions().GetCorrectiveAction(created->id);
  HEARKEN_ASSERT_OK(read);
  EXPECT_EQ(read->title, "Re-plan courier capacity");
  EXPECT_EQ(read->description, action.description);
  EXPECT_EQ(read->owner_id, owner.id);
  EXPECT_EQ(read->due_date, action.due_date);
  EXPECT_THAT(read->complaint_ids, ElementsAre(a.id, b.id));

  EXPECT_TRUE(HasEntry(kit.Timeline(a.id), "corrective_action", "link"));
  EXPECT_TRUE(HasEntry(kit.Timeline(b.id), "corrective_action", "link"));
  EXPECT_FALSE(HasEntry(kit.Timeline(c.id), "corrective_action", "link"));
  bool audited_with_links = false;
  for (const auto& e : AllAudit())
    if (e.entity_type == "corrective_action" && e.action == "create")
      audited_with_links = Json::parse(e.new_value).at("complaint_ids") == Json::array({a.id, b.id});
  EXPECT_TRUE(audited_with_links);

  clock_.Advance(std::chrono::hours(1));
  CorrectiveAction changed = *read;
  changed.status = ActionStatus::kInProgress;
  changed.complaint_ids = {c.id, b.id};
  changed.due_date.reset();
  auto updated = store_->corrective_actions().UpdateCorrectiveAction(ctx_, changed);
  HEARKEN_ASSERT_OK(updated);
  EXPECT_EQ(updated->updated_at, clock_.Now());
  EXPECT_EQ(updated->created_at, read->created_at);
  auto reread = store_->corrective_actions().GetCorrectiveAction(created->id);
  HEARKEN_ASSERT_OK(reread);
  EXPECT_THAT(reread->complaint_ids, ElementsAre(b.id, c.id));
  EXPECT_EQ(reread->status, ActionStatus::kInProgress);
  EXPECT_FALSE(reread->due_date.has_value());
  EXPECT_TRUE(HasEntry(kit.Timeline(c.id), "corrective_action", "link"));
  EXPECT_TRUE(HasEntry(kit.Timeline(a.id), "corrective_action", "unlink"));

  CorrectiveAction second;
  second.title = "Stronger boxes";
  second.complaint_ids = {c.id};
  clock_.Advance(std::chrono::hours(1));
  auto other = store_->corrective_actions().CreateCorrectiveAction(ctx_, second);
  HEARKEN_ASSERT_OK(other);
  auto newest_first = store_->corrective_actions().ListCorrectiveActions({}, {}, {});
  HEARKEN_ASSERT_OK(newest_first);
  EXPECT_EQ(newest_first->total, 2);
  ASSERT_EQ(newest_first->items.size(), 2u);
  EXPECT_EQ(newest_first->items[0].id, other->id);
  EXPECT_THAT(newest_first->items[1].complaint_ids, ElementsAre(b.id, c.id));
  auto for_b = store_->corrective_actions().ListCorrectiveActions(b.id, {}, {});
  HEARKEN_ASSERT_OK(for_b);
  ASSERT_EQ(for_b->items.size(), 1u);
  EXPECT_EQ(for_b->items[0].id, created->id);
  EXPECT_EQ(store_->corrective_actions().ListCorrectiveActions(c.id, {}, {})->total, 2);
  EXPECT_EQ(store_->corrective_actions().ListCorrectiveActions({}, ActionStatus::kOpen, {})->total, 1);
  HEARKEN_EXPECT_ERROR(store_->corrective_actions().ListCorrectiveActions({}, {}, Sorted("nonsense")), kInvalidArgument);
}

TEST_P(StoreContractTest, CorrectiveActionRefusesUnknownReferencesAndInvalidFields) {
  AdminKit kit(*store_, ctx_);
  Complaint a = kit.File("Late parcel");
  CorrectiveAction action;
  action.title = "Fix it";
  action.complaint_ids = {a.id, 9999};
  HEARKEN_EXPECT_ERROR(store_->corrective_actions().CreateCorrectiveAction(ctx_, action), kNotFound);
  action.complaint_ids = {a.id};
  action.owner_id = 9999;
  HEARKEN_EXPECT_ERROR(store_->corrective_actions().CreateCorrectiveAction(ctx_, action), kNotFound);
  action.owner_id.reset();
  action.title = "";
  auto invalid = store_->corrective_actions().CreateCorrectiveAction(ctx_, action);
  HEARKEN_EXPECT_ERROR(invalid, kInvalidArgument);
  EXPECT_TRUE(NamesField(invalid, "title"));
  EXPECT_EQ(store_->corrective_actions().ListCorrectiveActions({}, {}, {})->total, 0);
  action.title = "Fix it";
  action.id = 9999;
  HEARKEN_EXPECT_ERROR(store_->corrective_actions().UpdateCorrectiveAction(ctx_, action), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->corrective_actions().GetCorrectiveAction(9999), kNotFound);
}

// ---- Period volumes ---------------------------------------------------------------------

TEST_P(StoreContractTest, PeriodVolumesAreSetReplacedListedAndDeleted) {
  HEARKEN_ASSERT_OK(store_->complaint_admin().SetPeriodVolume(ctx_, {"2025-02", 1200, "orders"}));
  HEARKEN_ASSERT_OK(store_->complaint_admin().SetPeriodVolume(ctx_, {"2025-01", 1000.5, "orders"}));
  HEARKEN_ASSERT_OK(store_->complaint_admin().SetPeriodVolume(ctx_, {"2025-02", 1300, "deliveries"}));
  auto volumes = store_->complaint_admin().ListPeriodVolumes();
  HEARKEN_ASSERT_OK(volumes);
  ASSERT_EQ(volumes->size(), 2u);
  EXPECT_EQ((*volumes)[0].period, "2025-01");
  EXPECT_DOUBLE_EQ((*volumes)[0].volume, 1000.5);
  EXPECT_EQ((*volumes)[1].period, "2025-02");
  EXPECT_DOUBLE_EQ((*volumes)[1].volume, 1300);
  EXPECT_EQ((*volumes)[1].unit, "deliveries");
  HEARKEN_EXPECT_ERROR(store_->complaint_admin().SetPeriodVolume(ctx_, {"2025-02", 0, "orders"}), kInvalidArgument);
  HEARKEN_EXPECT_ERROR(store_->complaint_admin().SetPeriodVolume(ctx_, {"February", 10, "orders"}), kInvalidArgument);
  HEARKEN_ASSERT_OK(store_->complaint_admin().DeletePeriodVolume(ctx_, "2025-01"));
  HEARKEN_EXPECT_ERROR(store_->complaint_admin().DeletePeriodVolume(ctx_, "2025-01"), kNotFound);
  EXPECT_EQ(store_->complaint_admin().ListPeriodVolumes()->size(), 1u);
  auto audit = AllAudit();
  EXPECT_TRUE(HasEntry(audit, "period_volume", "create"));
  EXPECT_TRUE(HasEntry(audit, "period_volume", "update"));
  EXPECT_TRUE(HasEntry(audit, "period_volume", "delete"));
}

// ---- Scans (keyset pages, the analysis facts) -----------------------------------------------------------------------

TEST_P(StoreContractTest, ComplaintFactsCarryPathSegmentAndFollowTheFilter) {
  AdminKit kit(*store_, ctx_);
  Segment retail = AddSegment("Retail");
  auto cards = kit.AddCategory("Cards");
  auto fees = kit.AddCategory("Fees", cards.id);
  auto loans = kit.AddCategory("Loans");
  auto f1 = AdminIntake("card fee");
  f1.category_id = fees.id;
  f1.site = "Leeds";
  f1.channel = Channel::kEmail;
  f1.received_at = *ParseTimestamp("2026-01-10T08:00:00Z");
  auto f2 = AdminIntake("card lost");
  f2.category_id = cards.id;
  f2.received_at = *ParseTimestamp("2026-01-05T08:00:00Z");
  auto f3 = AdminIntake("loan rate");
  f3.category_id = loans.id;
  f3.site = "Leeds";
  f3.received_at = *ParseTimestamp("2026-02-01T08:00:00Z");
  Complaint c1 = kit.File("", f1);
  Complaint c2 = kit.File("", f2);
  Complaint c3 = kit.File("", f3);
  ASSERT_TRUE(store_->ExecuteScript("UPDATE complaints SET segment_id = " + std::to_string(retail.id) +
                                    ", severity = 2 WHERE id = " + std::to_string(c1.id))
                  .ok());

  auto all = ScanAll();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, c1.id);  // id ascending
  EXPECT_EQ(all[1].id, c2.id);
  EXPECT_EQ(all[2].id, c3.id);
  const Complaint& fact = all[0];
  EXPECT_EQ(fact.reference, c1.reference);
  EXPECT_EQ(fact.intake.category_id, fees.id);
  EXPECT_EQ(fact.segment_id, retail.id);
  EXPECT_EQ(fact.severity, 2);
  EXPECT_EQ(fact.intake.site, "Leeds");
  EXPECT_EQ(fact.intake.channel, Channel::kEmail);
  EXPECT_EQ(fact.state, ComplaintState::kReceived);
  EXPECT_EQ(fact.received_at, *f1.received_at);
  EXPECT_EQ(fact.ack_due_at, c1.ack_due_at);
  EXPECT_FALSE(fact.rating.has_value());
  EXPECT_EQ(fact.source_outcome, "");
  EXPECT_FALSE(fact.source_timely.has_value());
  EXPECT_TRUE(fact.intake.description.empty());  // kFacts reads no text
  auto full = ScanAll({}, ComplaintDetail::kFull);
  ASSERT_EQ(full.size(), 3u);
  EXPECT_EQ(full[0].intake.description, c1.intake.description);
  HEARKEN_EXPECT_ERROR(store_->complaints().ScanComplaints({}, {0, 0, ComplaintDetail::kFull}), kInvalidArgument);

  auto ids = [&](const ComplaintFilter& filter) {
    std::vector<Id> out;
    for (const auto& f : ScanAll(filter)) out.push_back(f.id);
    return out;
  };
  ComplaintFilter under_cards;
  under_cards.category_id = cards.id;
  EXPECT_THAT(ids(under_cards), ElementsAre(c1.id, c2.id));
  ComplaintFilter leeds;
  leeds.site = "Leeds";
  EXPECT_THAT(ids(leeds), ElementsAre(c1.id, c3.id));
  ComplaintFilter by_segment;
  by_segment.segment_id = retail.id;
  EXPECT_THAT(ids(by_segment), ElementsAre(c1.id));
  ComplaintFilter by_severity;
  by_severity.severity = 2;
  EXPECT_THAT(ids(by_severity), ElementsAre(c1.id));
  ComplaintFilter by_channel;
  by_channel.channel = Channel::kEmail;
  EXPECT_THAT(ids(by_channel), ElementsAre(c1.id));
  ComplaintFilter january;
  january.received_from = *ParseTimestamp("2026-01-01T00:00:00Z");
  january.received_to = *ParseTimestamp("2026-02-01T00:00:00Z");
  EXPECT_THAT(ids(january), ElementsAre(c1.id, c2.id));
  ComplaintFilter closed;
  closed.states = {ComplaintState::kClosed};
  EXPECT_TRUE(ids(closed).empty());
  ComplaintFilter open;
  open.open_only = true;
  EXPECT_EQ(ids(open).size(), 3u);
  ComplaintFilter search;
  search.search = "card";
  EXPECT_THAT(ids(search), ElementsAre(c1.id, c2.id));
  search.site = "Leeds";
  EXPECT_THAT(ids(search), ElementsAre(c1.id));
  search.search = "nothing-like-this";
  EXPECT_TRUE(ids(search).empty());
}

// ---- Job locks -----------------------------------------------------------------------------

TEST_P(StoreContractTest, RunExclusiveRunsOneHolderOfANameAtATime) {
  int runs = 0;
  std::optional<bool> inner_same, inner_other;
  auto ran = store_->jobs().RunExclusive("sla-monitor", [&] {
    ++runs;
    // Another thread (another node on PostgreSQL) tries while the lock is held.
    std::thread([&] {
      auto same = store_->jobs().RunExclusive("sla-monitor", [&] { ++runs; });
      if (same.ok()) inner_same = *same;
      auto other = store_->jobs().RunExclusive("mail-poller", [&] { ++runs; });
      if (other.ok()) inner_other = *other;
    }).join();
  });
  HEARKEN_ASSERT_OK(ran);
  EXPECT_TRUE(*ran);
  EXPECT_EQ(inner_same, false);
  EXPECT_EQ(inner_other, true);
  EXPECT_EQ(runs, 2);
  // Released afterwards.
  auto again = store_->jobs().RunExclusive("sla-monitor", [&] { ++runs; });
  HEARKEN_ASSERT_OK(again);
  EXPECT_TRUE(*again);
  EXPECT_EQ(runs, 3);
}

TEST_P(StoreContractTest, RunExclusiveTurnsAThrowingJobIntoInternalAndReleasesTheLock) {
  auto failed = store_->jobs().RunExclusive("sla-monitor", [] { throw std::runtime_error("boom"); });
  HEARKEN_EXPECT_ERROR(failed, kInternal);
  EXPECT_THAT(failed.error().message, HasSubstr("boom"));
  bool ran = false;
  auto again = store_->jobs().RunExclusive("sla-monitor", [&] { ran = true; });
  HEARKEN_ASSERT_OK(again);
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace hearken
