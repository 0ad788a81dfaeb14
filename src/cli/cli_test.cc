#include "cli/cli.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analytics/complaint_facts.h"
#include "core/audit_checkpoint.h"
#include "core/crypto.h"
#include "store/open_store.h"
#include "store/sqlite/sqlite_store.h"

namespace hearken {
namespace {

WriteContext CliWriteContextForTest() { return {{std::nullopt, "test"}, ""}; }

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("hearken-cli-" + RandomToken(6));
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "h.db").string();
    hooks_.open_store = [this](const std::string& url) {
      opened_url_ = url;
      return OpenStore(url, clock_);
    };
    hooks_.serve = [this](Store&, const ServeCommand& command) {
      served_ = command;
      return 0;
    };
    hooks_.clock = &clock_;
    hooks_.in = &in_;
    hooks_.out = &out_;
    hooks_.err = &err_;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  int Run(std::vector<std::string> args, const std::string& input = "") {
    in_.clear();
    in_.str(input);
    out_.str("");
    err_.str("");
    args.insert(args.begin(), "hearken");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    return RunCli(static_cast<int>(argv.size()), argv.data(), hooks_);
  }

  std::unique_ptr<Store> OpenForCheck() {
    auto store = OpenStore(url_, clock_);
    EXPECT_TRUE(store.ok());
    return std::move(*store);
  }

  ManualClock clock_{TimePoint(std::chrono::seconds(1'790'000'000))};
  std::filesystem::path dir_;
  std::string url_;
  std::string opened_url_;
  std::optional<ServeCommand> served_;
  std::istringstream in_;
  std::ostringstream out_, err_;
  CliHooks hooks_;
};

TEST_F(CliTest, MigrateReportsTheSchemaVersionAndIsIdempotent) {
  EXPECT_EQ(Run({"migrate", "--db", url_}), 0) << err_.str();
  EXPECT_NE(out_.str().find("migrated schema from version 0"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"migrate", "--db", url_}), 0);
  EXPECT_NE(out_.str().find("up to date"), std::string::npos) << out_.str();
}

TEST_F(CliTest, UserAddHashesThePasswordFromStandardInput) {
  ASSERT_EQ(Run({"user", "add", "--db", url_, "--email", "QM@Example.org", "--role", "quality_manager",
                 "--password-stdin"},
                "a long enough secret\n"),
            0)
      << err_.str();
  auto store = OpenForCheck();
  auto user = store->users().GetUserByEmail("qm@example.org");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->role, Role::kQualityManager);
  EXPECT_EQ(user->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(user->password_hash, "a long enough secret"));
  auto audit = store->audit().ListAudit({"user", "", std::nullopt}, {});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->total, 1);
  EXPECT_EQ(audit->items[0].actor, "cli");
  EXPECT_EQ(audit->items[0].new_value.find("argon2id"), std::string::npos);
}

TEST_F(CliTest, UserAddRefusesBadInputWithClearMessagesAndExitCodes) {
  EXPECT_EQ(Run({"user", "add", "--db", url_, "--email", "a@example.org", "--role", "admin", "--password-stdin"},
                "short\n"),
            2);
  EXPECT_NE(err_.str().find("password"), std::string::npos);
  EXPECT_EQ(Run({"user", "add", "--db", url_, "--email", "a@example.org", "--role", "root", "--password-stdin"},
                "a long enough secret\n"),
            2);
  EXPECT_NE(err_.str().find("role"), std::string::npos);
  EXPECT_EQ(Run({"user", "add", "--db", url_, "--email", "not-an-email", "--role", "admin", "--password-stdin"},
                "a long enough secret\n"),
            2);
  EXPECT_EQ(Run({"user", "add", "--db", url_, "--email", "a@example.org", "--role", "admin", "--password-stdin"},
                "a long enough secret\n"),
            0);
  EXPECT_EQ(Run({"user", "add", "--db", url_, "--email", "A@example.org", "--role", "viewer", "--password-stdin"},
                "a long enough secret\n"),
            4);
}

TEST_F(CliTest, TokenCreatePrintsATokenStoredOnlyAsItsHash) {
  ASSERT_EQ(Run({"user", "add", "--db", url_, "--email", "bot@example.org", "--role", "viewer", "--password-stdin"},
                "a long enough secret\n"),
            0);
  ASSERT_EQ(Run({"token", "create", "--db", url_, "--user", "bot@example.org", "--name", "nightly export"}), 0)
      << err_.str();
  std::string token = out_.str();
  ASSERT_FALSE(token.empty());
  token.pop_back();  // newline
  auto store = OpenForCheck();
  auto found = store->users().FindActiveApiToken(HashToken(token));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->name, "nightly export");
  EXPECT_EQ(Run({"token", "create", "--db", url_, "--user", "nobody@example.org", "--name", "x"}), 3);
}

TEST_F(CliTest, AuditVerifySaysIntactWithExitZero) {
  ASSERT_EQ(Run({"user", "add", "--db", url_, "--email", "a@example.org", "--role", "admin", "--password-stdin"},
                "a long enough secret\n"),
            0);
  EXPECT_EQ(Run({"audit", "verify", "--db", url_}), 0);
  EXPECT_NE(out_.str().find("intact"), std::string::npos);
}

TEST_F(CliTest, AuditVerifyExitsOneAndNamesTheEntryWhenTheTrailWasAltered) {
  ASSERT_EQ(Run({"user", "add", "--db", url_, "--email", "a@example.org", "--role", "admin", "--password-stdin"},
                "a long enough secret\n"),
            0);
  ASSERT_EQ(Run({"token", "create", "--db", url_, "--user", "a@example.org", "--name", "n"}), 0);
  {
    // What someone with write access to the database file could do.
    auto store = SqliteStore::Open((dir_ / "h.db").string(), clock_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)
                    ->ExecuteScript("DROP TRIGGER audit_entries_no_update;"
                                    "UPDATE audit_entries SET actor = 'clj' WHERE seq = 1;")
                    .ok());
  }
  EXPECT_EQ(Run({"audit", "verify", "--db", url_}), 1);
  EXPECT_NE(out_.str().find("BROKEN"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("entry 1: altered"), std::string::npos) << out_.str();
}

// The attacks of issue 6 on a SQLite file, with checkpoints signed outside it.
class CliCheckpointTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(Run({"user", "add", "--db", url_, "--email", "a@example.org", "--role", "admin", "--password-stdin"},
                  "a long enough secret\n"),
              0);
    ASSERT_EQ(Run({"token", "create", "--db", url_, "--user", "a@example.org", "--name", "one"}), 0);
    ASSERT_EQ(Run({"token", "create", "--db", url_, "--user", "a@example.org", "--name", "two"}), 0);
  }
  // What someone with write access to the database file could do.
  void Attack(const std::string& sql) {
    auto store = SqliteStore::Open((dir_ / "h.db").string(), clock_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->ExecuteScript("DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;" +
                                        sql)
                    .ok());
  }
  std::vector<AuditEntry> Chain() {
    auto store = OpenForCheck();
    return store->audit().ListAudit({}, {})->items;
  }
  std::string key_path() const { return (dir_ / "keys" / "audit-signing.key").string(); }
};

unsigned FileMode(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 0777 : 01000;
}

TEST_F(CliCheckpointTest, TheFirstCheckpointCreatesThePrivateKeyAndPrintsItsPublicHalf) {
  EXPECT_EQ(Run({"audit", "verify", "--db", url_}), 0);
  EXPECT_NE(out_.str().find("no signed checkpoints yet"), std::string::npos) << out_.str();
  ASSERT_EQ(Run({"audit", "checkpoint", "--db", url_}), 0) << err_.str();
  EXPECT_EQ(FileMode(key_path()), 0600u);
  std::string public_hex;
  std::ifstream(key_path() + ".pub") >> public_hex;
  ASSERT_EQ(public_hex.size(), 64u);
  EXPECT_NE(out_.str().find("created the audit signing key"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find(public_hex), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("checkpoint signed: seq 3"), std::string::npos) << out_.str();
  EXPECT_TRUE(std::filesystem::exists(dir_ / "h.db.checkpoints"));
  ASSERT_EQ(Run({"audit", "checkpoint", "--db", url_}), 0);
  EXPECT_EQ(out_.str().find("created the audit signing key"), std::string::npos);
  EXPECT_EQ(Run({"audit", "verify", "--db", url_}), 0);
  EXPECT_NE(out_.str().find("against 2 signed checkpoint(s)"), std::string::npos) << out_.str();
  // Exported, the checkpoints check the chain with only the public half.
  ASSERT_EQ(Run({"audit", "export-checkpoints", "--db", url_}), 0);
  const std::string copy = (dir_ / "copy.checkpoints").string();
  std::ofstream(copy) << out_.str();
  std::filesystem::remove(key_path());
  EXPECT_EQ(Run({"audit", "verify", "--db", url_, "--audit-checkpoints", copy, "--audit-public-key", public_hex}), 0)
      << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("against 2 signed checkpoint(s)"), std::string::npos) << out_.str();
}

TEST_F(CliCheckpointTest, TheKeyAndCheckpointPathsAreConfigurable) {
  const std::string key = (dir_ / "elsewhere" / "signing.key").string();
  const std::string file = (dir_ / "anchors" / "audit.checkpoints").string();
  ASSERT_EQ(Run({"audit", "checkpoint", "--db", url_, "--audit-key", key, "--audit-checkpoints", file}), 0)
      << err_.str();
  EXPECT_EQ(FileMode(key), 0600u);
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(key_path()));
  EXPECT_EQ(Run({"audit", "verify", "--db", url_, "--audit-key", key, "--audit-checkpoints", file}), 0);
  EXPECT_NE(out_.str().find("against 1 signed"), std::string::npos) << out_.str();
  // Checkpoints without their public key cannot be trusted nor ignored.
  EXPECT_EQ(Run({"audit", "verify", "--db", url_, "--audit-checkpoints", file}), 5) << out_.str();
}

TEST_F(CliCheckpointTest, AChainRewrittenWithEveryHashAndTheHeadRecomputedIsFound) {
  ASSERT_EQ(Run({"audit", "checkpoint", "--db", url_}), 0);
  auto chain = Chain();
  ASSERT_EQ(chain.size(), 3u);
  // Entry 2 (the first token) rewritten; 2 and 3 rehashed; the head moved.
  std::string sql;
  for (size_t i = 1; i < chain.size(); ++i) {
    if (i == 1) chain[i].new_value = R"({"name":"forged"})";
    chain[i].prev_hash = chain[i - 1].hash;
    chain[i].hash = ChainHash(chain[i]);
    sql += "UPDATE audit_entries SET new_value = '" + chain[i].new_value + "', prev_hash = '" + chain[i].prev_hash +
           "', hash = '" + chain[i].hash + "' WHERE seq = " + std::to_string(chain[i].seq) + ";";
  }
  sql += "UPDATE audit_head SET hash = '" + chain.back().hash + "';";
  Attack(sql);
  EXPECT_TRUE(OpenForCheck()->audit().VerifyAudit()->intact) << "the chain alone cannot tell";
  EXPECT_EQ(Run({"audit", "verify", "--db", url_}), 1);
  EXPECT_NE(out_.str().find("entry 3: rewritten"), std::string::npos) << out_.str();
  // Nor will a checkpoint be signed over the rewritten chain.
  EXPECT_EQ(Run({"audit", "checkpoint", "--db", url_}), 5);
  EXPECT_NE(err_.str().find("no checkpoint was signed"), std::string::npos) << err_.str();
}

TEST_F(CliCheckpointTest, AChainTruncatedWithItsHeadIsFound) {
  ASSERT_EQ(Run({"audit", "checkpoint", "--db", url_}), 0);
  auto chain = Chain();
  Attack("DELETE FROM audit_entries WHERE seq = 3; UPDATE audit_head SET seq = 2, hash = '" + chain[1].hash + "';");
  EXPECT_TRUE(OpenForCheck()->audit().VerifyAudit()->intact) << "the chain alone cannot tell";
  EXPECT_EQ(Run({"audit", "verify", "--db", url_}), 1);
  EXPECT_NE(out_.str().find("entry 3: truncated"), std::string::npos) << out_.str();
}

TEST_F(CliCheckpointTest, ACheckpointForgedWithAnotherKeyIsNamed) {
  ASSERT_EQ(Run({"audit", "checkpoint", "--db", url_}), 0);
  auto other = *AuditSigningKeyFromSeed(std::string(32, '\x42'));
  std::ofstream((dir_ / "h.db.checkpoints").string(), std::ios::app)
      << CheckpointLine(SignCheckpoint(1, std::string(64, 'f'), clock_.Now(), other)) << "\n";
  EXPECT_EQ(Run({"audit", "verify", "--db", url_}), 1);
  EXPECT_NE(out_.str().find("forged"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"audit", "export-checkpoints", "--db", url_}), 1);
  EXPECT_NE(err_.str().find("left out"), std::string::npos);
}

TEST_F(CliTest, SubjectExportPrintsEverythingHeldAboutAnAddressAsJson) {
  ASSERT_EQ(Run({"migrate", "--db", url_}), 0);
  {
    auto store = OpenForCheck();
    Customer c;
    c.name = "Ada Lovelace";
    c.email = "ada@example.org";
    ASSERT_TRUE(store->customers().CreateCustomer(CliWriteContextForTest(), c).ok());
  }
  ASSERT_EQ(Run({"subject", "export", "--db", url_, "--email", "ADA@example.org"}), 0) << err_.str();
  auto doc = nlohmann::json::parse(out_.str(), nullptr, false);
  ASSERT_TRUE(doc.is_object()) << out_.str();
  EXPECT_EQ(doc["subject"]["email"], "ada@example.org");
  ASSERT_EQ(doc["customers"].size(), 1u);
  EXPECT_EQ(doc["customers"][0]["name"], "Ada Lovelace");
  EXPECT_EQ(Run({"subject", "export", "--db", url_, "--email", "not-an-address"}), 2);
  EXPECT_NE(err_.str().find("e-mail"), std::string::npos) << err_.str();
}

TEST_F(CliTest, SubjectEraseErasesThePersonWithAReasonAndKeepsTheChain) {
  ASSERT_EQ(Run({"migrate", "--db", url_}), 0);
  Id id = 0;
  {
    auto store = OpenForCheck();
    Customer c;
    c.name = "Ada Lovelace";
    c.email = "ada@example.org";
    auto created = store->customers().CreateCustomer(CliWriteContextForTest(), c);
    ASSERT_TRUE(created.ok());
    id = created->id;
  }
  EXPECT_EQ(Run({"subject", "erase", "--db", url_, "--email", "ada@example.org"}), 64);  // --reason is required
  ASSERT_EQ(Run({"subject", "erase", "--db", url_, "--email", "ada@example.org", "--reason", "Art. 17 request"}), 0)
      << err_.str();
  EXPECT_NE(out_.str().find("erased the personal data of 1 customer record(s)"), std::string::npos) << out_.str();
  EXPECT_EQ(FileMode((dir_ / "keys" / "data-wrapping.key").string()), 0600u);
  auto store = OpenForCheck();
  EXPECT_EQ(store->customers().GetCustomer(id)->name, "[erased]");
  auto audit = store->audit().ListAudit({}, {});
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->items.back().action, "erase");
  EXPECT_EQ(audit->items.back().reason, "Art. 17 request");
  EXPECT_EQ(Run({"audit", "verify", "--db", url_}), 0) << out_.str();
}

TEST_F(CliTest, DatabaseComesFromTheEnvironmentWhenNoFlagIsGiven) {
  setenv("HEARKEN_DB", url_.c_str(), 1);
  EXPECT_EQ(Run({"migrate"}), 0);
  unsetenv("HEARKEN_DB");
  EXPECT_EQ(opened_url_, url_);
}

TEST_F(CliTest, ServeParsesTheListenAddress) {
  EXPECT_EQ(Run({"serve", "--db", url_, "--listen", "0.0.0.0:9090"}), 0) << err_.str();
  ASSERT_TRUE(served_.has_value());
  EXPECT_EQ(served_->host, "0.0.0.0");
  EXPECT_EQ(served_->port, 9090);
  served_.reset();
  EXPECT_EQ(Run({"serve", "--db", url_, "--listen", "localhost"}), 2);
  EXPECT_FALSE(served_.has_value());
}

TEST_F(CliTest, ServeTakesMailSettingsFromFlagsAndPasswordsOnlyFromTheEnvironment) {
  setenv("HEARKEN_SMTP_URL", "smtp://127.0.0.1:2525", 1);
  setenv("HEARKEN_IMAP_PASSWORD", "imap-secret", 1);
  int code = Run({"serve", "--db", url_, "--imap-url", "imap://127.0.0.1:1143/INBOX", "--imap-user", "intake",
                  "--intake-address", "intake@example.org", "--sla-interval-seconds", "2",
                  "--imap-interval-seconds", "3"});
  unsetenv("HEARKEN_SMTP_URL");
  unsetenv("HEARKEN_IMAP_PASSWORD");
  EXPECT_EQ(code, 0) << err_.str();
  ASSERT_TRUE(served_.has_value());
  EXPECT_EQ(served_->smtp_url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(served_->imap_url, "imap://127.0.0.1:1143/INBOX");
  EXPECT_EQ(served_->imap_user, "intake");
  EXPECT_EQ(served_->imap_password, "imap-secret");
  EXPECT_EQ(served_->intake_address, "intake@example.org");
  EXPECT_EQ(served_->sla_interval_seconds, 2);
  EXPECT_EQ(served_->imap_interval_seconds, 3);
  served_.reset();
  EXPECT_EQ(Run({"serve", "--db", url_, "--imap-url", "imap://127.0.0.1:1143/INBOX"}), 2);  // no --imap-user
  EXPECT_EQ(Run({"serve", "--db", url_, "--sla-interval-seconds", "0"}), 64);
  EXPECT_FALSE(served_.has_value());
}

TEST_F(CliTest, ImportComplaintsFromACfpbFileReportsCountsAndSkipsDuplicatesTheSecondTime) {
  const std::string file = std::string(HEARKEN_SOURCE_DIR) + "/src/ingest/testdata/cfpb_complaints_sample_1000.csv";
  ASSERT_EQ(Run({"import", "complaints", "--db", url_, "--format", "cfpb", file}), 0) << err_.str();
  EXPECT_THAT(out_.str(), ::testing::MatchesRegex(
                              "imported 1000 complaints \\(0 duplicates skipped, [1-9][0-9]* categories created\\)\n"));
  ASSERT_EQ(Run({"import", "complaints", "--db", url_, "--format", "cfpb", file}), 0) << err_.str();
  EXPECT_EQ(out_.str(), "imported 0 complaints (1000 duplicates skipped, 0 categories created)\n");
  auto store = OpenForCheck();
  auto facts = analytics::LoadComplaintFacts(*store, {});
  ASSERT_TRUE(facts.ok());
  EXPECT_EQ(facts->size(), 1000u);
  auto audit = store->audit().ListAudit({}, ListOptions{});
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->items.empty());
  EXPECT_EQ(audit->items.front().actor, "cli");
}

TEST_F(CliTest, ImportComplaintsNamesAMissingFileAndRefusesUnknownFormats) {
  EXPECT_EQ(Run({"import", "complaints", "--db", url_, (dir_ / "none.csv").string()}), 3);
  EXPECT_NE(err_.str().find("none.csv"), std::string::npos) << err_.str();
  EXPECT_EQ(Run({"import", "complaints", "--db", url_, "--format", "xlsx", (dir_ / "none.csv").string()}), 64);
}

TEST_F(CliTest, UnknownCommandsAndSchemesAreUsageErrors) {
  EXPECT_EQ(Run({"frobnicate"}), 64);
  EXPECT_EQ(Run({"migrate", "--db", "mysql://x"}), 2);
  EXPECT_NE(err_.str().find("sqlite:"), std::string::npos) << err_.str();
}

}  // namespace
}  // namespace hearken

namespace hearken {
namespace {

TEST(DefaultKeyDirTest, KeysLiveBesideASqliteFileAndInTheWorkingDirectoryOtherwise) {
  EXPECT_EQ(DefaultKeyDir("sqlite:data/hearken.db"), "data/keys");
  EXPECT_EQ(DefaultKeyDir("sqlite:/var/lib/hearken/h.db"), "/var/lib/hearken/keys");
  EXPECT_EQ(DefaultKeyDir("sqlite:h.db"), "keys");
  EXPECT_EQ(DefaultKeyDir("sqlite::memory:"), "keys");
  EXPECT_EQ(DefaultKeyDir("postgresql://u@127.0.0.1/h"), "keys");
}

}  // namespace
}  // namespace hearken
