// Contract tests of Store: fixture, schema, settings, users, sessions and
// tokens. Customers and segments: store_contract_test_customers.cc;
// requirements, communications and the audit trail:
// store_contract_test_audit.cc.
#include "store/contract/store_contract_test.h"

#include <algorithm>

namespace hearken {

extern const char* const kHash;
const char* const kHash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

void StoreContractTest::SetUp() {
  database_ = GetParam().make_database();
  ASSERT_TRUE(database_);
  store_ = database_->Open(clock_);
  ASSERT_TRUE(store_);
  HEARKEN_ASSERT_OK(store_->Migrate());
  // Personal fields of the audit trail are sealed in every test, as in the app.
  store_->UseSealingKey(std::string(32, '\x5a'));
}

void StoreContractTest::TearDown() {
  store_.reset();
  database_.reset();
}

Customer StoreContractTest::NewCustomer(const std::string& name, const std::string& email) {
  Customer c;
  c.name = name;
  c.email = email;
  return c;
}

Segment StoreContractTest::NewSegment(const std::string& name) {
  Segment s;
  s.name = name;
  s.description = "about " + name;
  return s;
}

Requirement StoreContractTest::NewRequirement(const std::string& text) {
  Requirement r;
  r.scope = RequirementScope::kAll;
  r.text = text;
  return r;
}

Communication StoreContractTest::NewCommunication(Id customer_id, const std::string& subject) const {
  Communication c;
  c.customer_id = customer_id;
  c.subject = subject;
  c.body = "body of " + subject;
  c.occurred_at = clock_.Now() - std::chrono::hours(1);
  return c;
}

User StoreContractTest::NewUser(const std::string& email, Role role) {
  User u;
  u.email = email;
  u.display_name = "Name of " + email;
  u.role = role;
  u.password_hash = kHash;
  return u;
}

Customer StoreContractTest::AddCustomer(const std::string& name, const std::string& email) {
  auto c = store_->customers().CreateCustomer(ctx_, NewCustomer(name, email));
  EXPECT_TRUE(c.ok()) << ErrorText(c);
  return c.ok() ? *c : Customer{};
}

Segment StoreContractTest::AddSegment(const std::string& name) {
  auto s = store_->customers().CreateSegment(ctx_, NewSegment(name));
  EXPECT_TRUE(s.ok()) << ErrorText(s);
  return s.ok() ? *s : Segment{};
}

User StoreContractTest::AddUser(const std::string& email, Role role) {
  auto u = store_->users().CreateUser(ctx_, NewUser(email, role));
  EXPECT_TRUE(u.ok()) << ErrorText(u);
  return u.ok() ? *u : User{};
}

std::vector<AuditEntry> StoreContractTest::AllAudit() {
  ListOptions all;
  all.limit = 500;
  auto page = store_->audit().ListAudit({}, all);
  EXPECT_TRUE(page.ok()) << ErrorText(page);
  return page.ok() ? page->items : std::vector<AuditEntry>{};
}

std::vector<Complaint> StoreContractTest::ScanAll(const ComplaintFilter& filter, ComplaintDetail detail, int page) {
  std::vector<Complaint> out;
  ComplaintScan scan;
  scan.limit = page;
  scan.detail = detail;
  while (true) {
    auto got = store_->complaints().ScanComplaints(filter, scan);
    EXPECT_TRUE(got.ok()) << ErrorText(got);
    if (!got.ok()) break;
    for (auto& c : *got) out.push_back(std::move(c));
    if (static_cast<int>(got->size()) < scan.limit) break;
    scan.after_id = got->back().id;
  }
  return out;
}

Status StoreContractTest::Tamper(const std::string& sql) {
  if (Status s = store_->ExecuteScript(database_->DropAuditGuardSql()); !s.ok()) return s;
  return store_->ExecuteScript(sql);
}

namespace {

using ::testing::ElementsAre;

// ---- Schema -------------------------------------------------------------------

TEST_P(StoreContractTest, MigrateTwiceIsANoOp) {
  EXPECT_EQ(*store_->SchemaVersion(), store_->LatestSchemaVersion());
  EXPECT_GE(store_->LatestSchemaVersion(), 1);
  HEARKEN_ASSERT_OK(store_->Migrate());
  EXPECT_EQ(*store_->SchemaVersion(), store_->LatestSchemaVersion());
  auto settings = store_->organisation().GetSettings();
  HEARKEN_ASSERT_OK(settings);
  EXPECT_EQ(settings->name, "My organisation");
}

TEST_P(StoreContractTest, FreshDatabaseHasSchemaVersionZero) {
  auto fresh_database = GetParam().make_database();
  auto fresh = fresh_database->Open(clock_);
  auto version = fresh->SchemaVersion();
  HEARKEN_ASSERT_OK(version);
  EXPECT_EQ(*version, 0);
  HEARKEN_ASSERT_OK(fresh->Ping());
}

TEST_P(StoreContractTest, NewerSchemaVersionIsRefusedWithAClearMessage) {
  HEARKEN_ASSERT_OK(store_->ExecuteScript(
      "INSERT INTO schema_migrations (version, applied_at) VALUES (999, '2030-01-01T00:00:00Z')"));
  Status s = store_->Migrate();
  HEARKEN_EXPECT_ERROR(s, kFailedPrecondition);
  EXPECT_EQ(s.error().message, "database schema version 999 is newer than this binary (" +
                                   std::to_string(store_->LatestSchemaVersion()) + "); upgrade Hearken");
}

TEST_P(StoreContractTest, MigrateUpgradesAnOlderSchemaKeepingItsData) {
  auto migrations = database_->Migrations();
  ASSERT_GE(migrations.size(), 1u);
  auto older_database = GetParam().make_database();
  auto older = older_database->Open(clock_);
  // Version 1 applied by hand, as an older Hearken would have left it.
  HEARKEN_ASSERT_OK(older->ExecuteScript(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
  HEARKEN_ASSERT_OK(older->ExecuteScript(migrations[0].sql));
  HEARKEN_ASSERT_OK(older->ExecuteScript(
      "INSERT INTO schema_migrations (version, applied_at) VALUES (1, '2026-01-01T00:00:00Z')"));
  EXPECT_EQ(*older->SchemaVersion(), 1);
  HEARKEN_ASSERT_OK(older->organisation().UpdateSettings(ctx_, {"Kept", "UTC", {}}));
  HEARKEN_ASSERT_OK(older->Migrate());
  EXPECT_EQ(*older->SchemaVersion(), older->LatestSchemaVersion());
  EXPECT_EQ(older->organisation().GetSettings()->name, "Kept");
  // The entry written before schema 6 keeps the legacy form; later ones are
  // in the current form, and the chain verifies across the change.
  HEARKEN_ASSERT_OK(older->organisation().UpdateSettings(ctx_, {"Kept again", "UTC", {}}));
  auto entries = older->audit().ListAudit({}, {});
  HEARKEN_ASSERT_OK(entries);
  ASSERT_EQ(entries->items.size(), 2u);
  EXPECT_EQ(entries->items[0].form, kAuditFormLegacy);
  EXPECT_EQ(entries->items[1].form, kAuditFormCurrent);
  auto verified = older->audit().VerifyAudit();
  HEARKEN_ASSERT_OK(verified);
  EXPECT_TRUE(verified->intact) << (verified->problems.empty() ? "" : verified->problems[0].message);
}

// Schema 11 turned when a complaint happened from an instant into a date: a
// complaint stored before keeps its day (the UTC date of the old value, which
// the public form had stored as that day's UTC midnight).
TEST_P(StoreContractTest, MigrateTurnsWhenItHappenedIntoTheDayItWas) {
  auto migrations = database_->Migrations();
  auto older_database = GetParam().make_database();
  auto older = older_database->Open(clock_);
  HEARKEN_ASSERT_OK(older->ExecuteScript(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
  for (const auto& m : migrations) {
    if (m.version > 10) break;
    HEARKEN_ASSERT_OK(older->ExecuteScript(m.sql));
    HEARKEN_ASSERT_OK(older->ExecuteScript("INSERT INTO schema_migrations (version, applied_at) VALUES (" +
                                           std::to_string(m.version) + ", '2026-01-01T00:00:00Z')"));
  }
  ASSERT_EQ(*older->SchemaVersion(), 10);
  const std::string columns =
      "INSERT INTO complaints (reference, state, intake, channel, summary, description, product, occurred_at, "
      "remedy_wanted, contact_name, contact_email, contact_phone, consent_contact, site, received_at, "
      "ack_started_at, resolve_started_at, status_token_hash, created_at, updated_at) VALUES ";
  const std::string at = "'2026-11-21T09:00:00.000000Z'";
  auto row = [&](const std::string& reference, const std::string& occurred_at, const std::string& token_hash) {
    return columns + "('" + reference + "', 'received', 'public_form', 'portal', 's', 'd', '', " + occurred_at +
           ", '', '', '', '', false, '', " + at + ", " + at + ", " + at + ", '" + token_hash + "', " + at + ", " +
           at + ")";
  };
  HEARKEN_ASSERT_OK(older->ExecuteScript(row("C-2026-000001", "'2026-11-20T00:00:00.000000Z'", "h1")));
  HEARKEN_ASSERT_OK(older->ExecuteScript(row("C-2026-000002", "NULL", "h2")));
  HEARKEN_ASSERT_OK(older->Migrate());
  auto dated = older->complaints().GetComplaintByReference("C-2026-000001");
  HEARKEN_ASSERT_OK(dated);
  ASSERT_TRUE(dated->intake.occurred_on.has_value());
  EXPECT_EQ(*dated->intake.occurred_on, std::chrono::year{2026} / std::chrono::November / std::chrono::day{20});
  auto undated = older->complaints().GetComplaintByReference("C-2026-000002");
  HEARKEN_ASSERT_OK(undated);
  EXPECT_FALSE(undated->intake.occurred_on.has_value());
}

TEST_P(StoreContractTest, PingAnswers) { HEARKEN_ASSERT_OK(store_->Ping()); }

// ---- Settings -----------------------------------------------------------------

TEST_P(StoreContractTest, FirstMigrationCreatesDefaultSettings) {
  auto s = store_->organisation().GetSettings();
  HEARKEN_ASSERT_OK(s);
  EXPECT_EQ(s->name, "My organisation");
  EXPECT_EQ(s->time_zone, "UTC");
}

TEST_P(StoreContractTest, UpdateSettingsValidatesStampsAndAudits) {
  auto bad = store_->organisation().UpdateSettings(ctx_, {"Acme", "Mars/Olympus", {}});
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  EXPECT_TRUE(NamesField(bad, "time_zone"));
  clock_.Advance(std::chrono::minutes(5));
  auto s = store_->organisation().UpdateSettings(ctx_, {"Acme Ltd", "Europe/Berlin", {}});
  HEARKEN_ASSERT_OK(s);
  EXPECT_EQ(s->updated_at, clock_.Now());
  auto read = store_->organisation().GetSettings();
  EXPECT_EQ(read->name, "Acme Ltd");
  EXPECT_EQ(read->time_zone, "Europe/Berlin");
  EXPECT_EQ(read->updated_at, clock_.Now());
  auto audit = AllAudit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].entity_type, "settings");
  EXPECT_EQ(audit[0].action, "update");
  EXPECT_NE(audit[0].old_value.find("My organisation"), std::string::npos);
  EXPECT_NE(audit[0].new_value.find("Acme Ltd"), std::string::npos);
}

// ---- Users --------------------------------------------------------------------

TEST_P(StoreContractTest, UserEmailIsStoredLowerCaseAndFoundCaseInsensitively) {
  User u = AddUser("Bob@Example.ORG", Role::kHandler);
  EXPECT_GT(u.id, 0);
  EXPECT_EQ(u.email, "bob@example.org");
  EXPECT_EQ(u.created_at, clock_.Now());
  auto found = store_->users().GetUserByEmail("BOB@example.org");
  HEARKEN_ASSERT_OK(found);
  EXPECT_EQ(found->id, u.id);
  EXPECT_EQ(found->role, Role::kHandler);
  EXPECT_EQ(found->password_hash, kHash);
  EXPECT_TRUE(found->enabled);
  auto by_id = store_->users().GetUser(u.id);
  HEARKEN_ASSERT_OK(by_id);
  EXPECT_EQ(by_id->display_name, u.display_name);
}

TEST_P(StoreContractTest, DuplicateUserEmailIsAlreadyExistsNamingEmail) {
  AddUser("bob@example.org", Role::kViewer);
  auto dup = store_->users().CreateUser(ctx_, NewUser("BOB@example.org", Role::kViewer));
  HEARKEN_EXPECT_ERROR(dup, kAlreadyExists);
  EXPECT_TRUE(NamesField(dup, "email"));
  User other = AddUser("carol@example.org", Role::kViewer);
  other.email = "bob@example.org";
  auto clash = store_->users().UpdateUser(ctx_, other);
  HEARKEN_EXPECT_ERROR(clash, kAlreadyExists);
  EXPECT_TRUE(NamesField(clash, "email"));
}

TEST_P(StoreContractTest, InvalidUserIsRejectedNamingTheField) {
  auto bad = store_->users().CreateUser(ctx_, NewUser("not-an-email", Role::kViewer));
  HEARKEN_EXPECT_ERROR(bad, kInvalidArgument);
  EXPECT_TRUE(NamesField(bad, "email"));
}

TEST_P(StoreContractTest, UnknownUserIsNotFound) {
  HEARKEN_EXPECT_ERROR(store_->users().GetUser(4242), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->users().GetUserByEmail("nobody@example.org"), kNotFound);
  User ghost = NewUser("ghost@example.org", Role::kViewer);
  ghost.id = 4242;
  HEARKEN_EXPECT_ERROR(store_->users().UpdateUser(ctx_, ghost), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->users().SetPasswordHash(ctx_, 4242, kHash), kNotFound);
}

TEST_P(StoreContractTest, ListUsersSortsPagesAndCounts) {
  AddUser("carol@example.org", Role::kViewer);
  AddUser("alice@example.org", Role::kAdmin);
  AddUser("bob@example.org", Role::kHandler);
  auto page = store_->users().ListUsers(Sorted("email", SortDirection::kDescending, 2));
  HEARKEN_ASSERT_OK(page);
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].email, "carol@example.org");
  EXPECT_EQ(page->items[1].email, "bob@example.org");
  auto rest = store_->users().ListUsers(Sorted("email", SortDirection::kDescending, 2, 2));
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].email, "alice@example.org");
  EXPECT_EQ(*store_->users().CountUsers(), 3);
  auto unknown = store_->users().ListUsers(Sorted("password_hash"));
  HEARKEN_EXPECT_ERROR(unknown, kInvalidArgument);
  EXPECT_TRUE(NamesField(unknown, "sort"));
  HEARKEN_EXPECT_ERROR(store_->users().ListUsers(Sorted("email", SortDirection::kAscending, 0)), kInvalidArgument);
  HEARKEN_EXPECT_ERROR(store_->users().ListUsers(Sorted("email", SortDirection::kAscending, 501)), kInvalidArgument);
}

TEST_P(StoreContractTest, LastEnabledAdminCannotBeDemotedOrDisabled) {
  User admin = AddUser("admin@example.org", Role::kAdmin);
  User demoted = admin;
  demoted.role = Role::kQualityManager;
  HEARKEN_EXPECT_ERROR(store_->users().UpdateUser(ctx_, demoted), kFailedPrecondition);
  User disabled = admin;
  disabled.enabled = false;
  HEARKEN_EXPECT_ERROR(store_->users().UpdateUser(ctx_, disabled), kFailedPrecondition);
  EXPECT_EQ(store_->users().GetUser(admin.id)->role, Role::kAdmin);
  AddUser("second@example.org", Role::kAdmin);
  auto now_allowed = store_->users().UpdateUser(ctx_, demoted);
  HEARKEN_ASSERT_OK(now_allowed);
  EXPECT_EQ(now_allowed->role, Role::kQualityManager);
}

TEST_P(StoreContractTest, UpdateUserReplacesFieldsButNotThePassword) {
  AddUser("admin@example.org", Role::kAdmin);
  User u = AddUser("dan@example.org", Role::kViewer);
  clock_.Advance(std::chrono::seconds(30));
  u.display_name = "Dan D.";
  u.role = Role::kHandler;
  u.password_hash = "$argon2id$other";
  auto updated = store_->users().UpdateUser(ctx_, u);
  HEARKEN_ASSERT_OK(updated);
  auto read = store_->users().GetUser(u.id);
  EXPECT_EQ(read->display_name, "Dan D.");
  EXPECT_EQ(read->role, Role::kHandler);
  EXPECT_EQ(read->password_hash, kHash);
  EXPECT_EQ(read->updated_at, clock_.Now());
  EXPECT_LT(read->created_at, read->updated_at);
}

TEST_P(StoreContractTest, DisablingAUserEndsTheirSessions) {
  AddUser("admin@example.org", Role::kAdmin);
  User u = AddUser("eve@example.org", Role::kHandler);
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"hash-eve", u.id, "csrf", clock_.Now(), clock_.Now()}));
  u.enabled = false;
  HEARKEN_ASSERT_OK(store_->users().UpdateUser(ctx_, u));
  HEARKEN_EXPECT_ERROR(store_->users().GetSession("hash-eve"), kNotFound);
}

TEST_P(StoreContractTest, UpdateWithANewPasswordIsOneWriteAndEndsTheOtherSessions) {
  User admin = AddUser("admin@example.org", Role::kAdmin);
  User u = AddUser("pat@example.org", Role::kHandler);
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"hash-pat-1", u.id, "c1", clock_.Now(), clock_.Now()}));
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"hash-pat-2", u.id, "c2", clock_.Now(), clock_.Now()}));
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"hash-admin", admin.id, "c3", clock_.Now(), clock_.Now()}));
  const std::string new_hash = "$argon2id$v=19$m=65536,t=3,p=1$bmV3c2FsdA$bmV3aGFzaA";
  const size_t entries_before = AllAudit().size();
  u.display_name = "Pat P.";
  auto updated = store_->users().UpdateUser(ctx_, u, PasswordChange{new_hash, "hash-pat-2"});
  HEARKEN_ASSERT_OK(updated);
  EXPECT_EQ(store_->users().GetUser(u.id)->password_hash, new_hash);
  EXPECT_EQ(store_->users().GetUser(u.id)->display_name, "Pat P.");
  HEARKEN_EXPECT_ERROR(store_->users().GetSession("hash-pat-1"), kNotFound);
  HEARKEN_ASSERT_OK(store_->users().GetSession("hash-pat-2"));   // the caller's own
  HEARKEN_ASSERT_OK(store_->users().GetSession("hash-admin"));   // someone else's
  auto audit = AllAudit();
  ASSERT_EQ(audit.size(), entries_before + 2);
  EXPECT_EQ(audit[entries_before].action, "update");
  EXPECT_EQ(audit[entries_before + 1].action, "password");
  for (const auto& e : audit) EXPECT_EQ(e.new_value.find("argon2"), std::string::npos);
}

TEST_P(StoreContractTest, AFailedUpdateWithAPasswordChangesNeitherFieldsNorPassword) {
  User admin = AddUser("admin@example.org", Role::kAdmin);
  AddUser("taken@example.org", Role::kViewer);
  User u = AddUser("quinn@example.org", Role::kViewer);
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"hash-quinn", u.id, "c1", clock_.Now(), clock_.Now()}));
  const std::string new_hash = "$argon2id$v=19$m=65536,t=3,p=1$bmV3c2FsdA$bmV3aGFzaA";
  const size_t entries_before = AllAudit().size();
  User clash = u;
  clash.email = "taken@example.org";
  HEARKEN_EXPECT_ERROR(store_->users().UpdateUser(ctx_, clash, PasswordChange{new_hash, ""}), kAlreadyExists);
  User bad = u;
  bad.display_name = "Changed";
  HEARKEN_EXPECT_ERROR(store_->users().UpdateUser(ctx_, bad, PasswordChange{"plain text", ""}), kInvalidArgument);
  User last_admin = admin;
  last_admin.enabled = false;
  HEARKEN_EXPECT_ERROR(store_->users().UpdateUser(ctx_, last_admin, PasswordChange{new_hash, ""}),
                       kFailedPrecondition);
  EXPECT_EQ(store_->users().GetUser(u.id)->password_hash, kHash);
  EXPECT_EQ(store_->users().GetUser(u.id)->display_name, u.display_name);
  EXPECT_EQ(store_->users().GetUser(admin.id)->password_hash, kHash);
  HEARKEN_ASSERT_OK(store_->users().GetSession("hash-quinn"));
  EXPECT_EQ(AllAudit().size(), entries_before);
}

TEST_P(StoreContractTest, APasswordResetEndsEverySessionOfTheUser) {
  User u = AddUser("rita@example.org", Role::kViewer);
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"hash-rita", u.id, "c1", clock_.Now(), clock_.Now()}));
  HEARKEN_ASSERT_OK(store_->users().SetPasswordHash(ctx_, u.id, "$argon2id$v=19$m=65536,t=3,p=1$eA$eA"));
  HEARKEN_EXPECT_ERROR(store_->users().GetSession("hash-rita"), kNotFound);
}

TEST_P(StoreContractTest, AuditListingLeavesOutHiddenEntityTypesAndDoesNotCountThem) {
  User u = AddUser("sam@example.org", Role::kViewer);
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"hash-sam", u.id, "c", clock_.Now(), clock_.Now()}));
  HEARKEN_ASSERT_OK(store_->customers().CreateCustomer(ctx_, NewCustomer("Acme", "acme@example.org")));
  ListOptions all;
  all.limit = 500;
  AuditFilter filter;
  filter.hidden_entity_types = {"user", "session"};
  auto page = store_->audit().ListAudit(filter, all);
  HEARKEN_ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].entity_type, "customer");
  EXPECT_EQ(page->total, 1);
  filter.entity_type = "user";
  page = store_->audit().ListAudit(filter, all);
  HEARKEN_ASSERT_OK(page);
  EXPECT_TRUE(page->items.empty());
  EXPECT_EQ(page->total, 0);
}

TEST_P(StoreContractTest, PasswordHashIsStoredButNeverAudited) {
  User u = AddUser("frank@example.org", Role::kViewer);
  const std::string new_hash = "$argon2id$v=19$m=65536,t=3,p=1$bmV3c2FsdA$bmV3aGFzaA";
  HEARKEN_ASSERT_OK(store_->users().SetPasswordHash(ctx_, u.id, new_hash));
  EXPECT_EQ(store_->users().GetUser(u.id)->password_hash, new_hash);
  auto audit = AllAudit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].action, "password");
  for (const auto& e : audit) {
    EXPECT_EQ(e.old_value.find("argon2"), std::string::npos);
    EXPECT_EQ(e.new_value.find("argon2"), std::string::npos);
  }
}

// ---- Sessions -----------------------------------------------------------------

TEST_P(StoreContractTest, SessionSignInTouchAndSignOut) {
  User u = AddUser("gina@example.org", Role::kViewer);
  const TimePoint t0 = clock_.Now();
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"hash-1", u.id, "csrf-1", t0, t0}));
  auto s = store_->users().GetSession("hash-1");
  HEARKEN_ASSERT_OK(s);
  EXPECT_EQ(s->user_id, u.id);
  EXPECT_EQ(s->csrf_token, "csrf-1");
  EXPECT_EQ(s->created_at, t0);
  const TimePoint t1 = t0 + std::chrono::minutes(3);
  HEARKEN_ASSERT_OK(store_->users().TouchSession("hash-1", t1));
  EXPECT_EQ(store_->users().GetSession("hash-1")->last_seen_at, t1);
  HEARKEN_EXPECT_ERROR(store_->users().TouchSession("nope", t1), kNotFound);
  HEARKEN_ASSERT_OK(store_->users().DeleteSession(ctx_, "hash-1"));
  HEARKEN_EXPECT_ERROR(store_->users().GetSession("hash-1"), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->users().DeleteSession(ctx_, "hash-1"), kNotFound);
  auto audit = AllAudit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[1].entity_type, "session");
  EXPECT_EQ(audit[1].action, "login");
  EXPECT_EQ(audit[2].action, "logout");
  for (const auto& e : audit) {
    EXPECT_EQ(e.new_value.find("hash-1"), std::string::npos);
    EXPECT_EQ(e.new_value.find("csrf-1"), std::string::npos);
    EXPECT_EQ(e.old_value.find("csrf-1"), std::string::npos);
  }
}

TEST_P(StoreContractTest, ExpiredSessionsAreRemovedWithoutAudit) {
  User u = AddUser("hal@example.org", Role::kViewer);
  const TimePoint t0 = clock_.Now();
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"idle", u.id, "c", t0, t0}));
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"old", u.id, "c", t0 - std::chrono::hours(48), t0}));
  HEARKEN_ASSERT_OK(store_->users().CreateSession(ctx_, {"fresh", u.id, "c", t0, t0 + std::chrono::hours(1)}));
  const auto before = AllAudit().size();
  auto removed = store_->users().DeleteSessionsIdleSince(t0 + std::chrono::minutes(30), t0 - std::chrono::hours(24));
  HEARKEN_ASSERT_OK(removed);
  EXPECT_EQ(*removed, 2);
  HEARKEN_ASSERT_OK(store_->users().GetSession("fresh"));
  HEARKEN_EXPECT_ERROR(store_->users().GetSession("idle"), kNotFound);
  EXPECT_EQ(AllAudit().size(), before);
}

TEST_P(StoreContractTest, SessionForUnknownUserIsNotFound) {
  HEARKEN_EXPECT_ERROR(store_->users().CreateSession(ctx_, {"h", 999, "c", clock_.Now(), clock_.Now()}), kNotFound);
}

// ---- API tokens ---------------------------------------------------------------

TEST_P(StoreContractTest, ApiTokenCreateFindListAndRevoke) {
  User u = AddUser("ivy@example.org", Role::kHandler);
  auto first = store_->users().CreateApiToken(ctx_, u.id, "ci", "token-hash-1");
  HEARKEN_ASSERT_OK(first);
  EXPECT_EQ(first->created_at, clock_.Now());
  clock_.Advance(std::chrono::seconds(1));
  auto second = store_->users().CreateApiToken(ctx_, u.id, "laptop", "token-hash-2");
  HEARKEN_ASSERT_OK(second);
  auto found = store_->users().FindActiveApiToken("token-hash-1");
  HEARKEN_ASSERT_OK(found);
  EXPECT_EQ(found->id, first->id);
  EXPECT_EQ(found->name, "ci");
  auto list = store_->users().ListApiTokens(u.id);
  HEARKEN_ASSERT_OK(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "laptop");
  HEARKEN_ASSERT_OK(store_->users().RevokeApiToken(ctx_, first->id));
  HEARKEN_EXPECT_ERROR(store_->users().FindActiveApiToken("token-hash-1"), kNotFound);
  EXPECT_EQ(store_->users().GetApiToken(first->id)->revoked_at, clock_.Now());
  HEARKEN_EXPECT_ERROR(store_->users().RevokeApiToken(ctx_, first->id), kFailedPrecondition);
  HEARKEN_EXPECT_ERROR(store_->users().RevokeApiToken(ctx_, 9999), kNotFound);
  HEARKEN_EXPECT_ERROR(store_->users().GetApiToken(9999), kNotFound);
  for (const auto& e : AllAudit()) EXPECT_EQ(e.new_value.find("token-hash"), std::string::npos);
  EXPECT_EQ(AllAudit().back().action, "revoke");
}

TEST_P(StoreContractTest, ApiTokenNeedsANameAndAUser) {
  User u = AddUser("jay@example.org", Role::kHandler);
  auto unnamed = store_->users().CreateApiToken(ctx_, u.id, " ", "h");
  HEARKEN_EXPECT_ERROR(unnamed, kInvalidArgument);
  EXPECT_TRUE(NamesField(unnamed, "name"));
  HEARKEN_EXPECT_ERROR(store_->users().CreateApiToken(ctx_, 999, "x", "h"), kNotFound);
}

}  // namespace
}  // namespace hearken
