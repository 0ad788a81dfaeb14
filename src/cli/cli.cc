#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <iostream>

#include "cli/audit_checkpoints.h"
#include "cli/commands.h"
#include "cli/demo_seed.h"
#include "cli/subject_commands.h"
#include "keys/audit_anchor_files.h"

namespace hearken {
namespace {

constexpr int kUsageError = 64;

// Splits "HOST:PORT" (IPv6 hosts in brackets). Errors: InvalidArgument.
Result<std::pair<std::string, unsigned short>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  auto bad = Error::InvalidField("listen", "must be HOST:PORT, e.g. 127.0.0.1:8080");
  if (colon == std::string::npos || colon == 0) return bad;
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) return bad;
  } catch (const std::exception&) {
    return bad;
  }
  if (port < 0 || port > 65535) return bad;
  return std::make_pair(host, static_cast<unsigned short>(port));
}

// A demo file from the working directory's demo/, else from the source tree's.
std::string DefaultDemoFile(const std::string& name) {
  const std::string relative = "demo/" + name;
  if (std::filesystem::exists(relative)) return relative;
#ifdef HEARKEN_SOURCE_DIR
  return std::string(HEARKEN_SOURCE_DIR) + "/" + relative;
#else
  return relative;
#endif
}

}  // namespace

std::string DefaultKeyDir(const std::string& database_url) {
  const std::string prefix = "sqlite:";
  if (database_url.rfind(prefix, 0) != 0 || database_url == "sqlite::memory:") return "keys";
  const std::filesystem::path parent = std::filesystem::path(database_url.substr(prefix.size())).parent_path();
  return (parent.empty() ? std::filesystem::path("keys") : parent / "keys").string();
}

int RunCli(int argc, const char* const* argv, const CliHooks& hooks) {
  std::ostream& out = *hooks.out;
  std::ostream& err = *hooks.err;

  CLI::App app{"Hearken: customer focus, complaints and satisfaction (ISO 9001 8.2, 9.1.2, 10.2)", "hearken"};
  app.require_subcommand(1);
  app.fallthrough();
  std::string db_url = kDefaultDatabaseUrl;
  app.add_option("--db", db_url, "Database: sqlite:PATH or postgresql://...")
      ->envname("HEARKEN_DB")
      ->capture_default_str();
  std::string key_dir;
  app.add_option("--key-dir", key_dir, "Directory of the secret keys (default: keys/ beside a SQLite file)")
      ->envname("HEARKEN_KEY_DIR");
  AuditAnchorPaths anchors;
  app.add_option("--audit-key", anchors.key_file,
                 "Ed25519 key that signs audit checkpoints (default: KEY_DIR/audit-signing.key)")
      ->envname("HEARKEN_AUDIT_KEY");
  app.add_option("--audit-public-key", anchors.public_key,
                 "Public half that checks the checkpoints: a file or hex (default: the key's .pub file)")
      ->envname("HEARKEN_AUDIT_PUBLIC_KEY");
  app.add_option("--audit-checkpoints", anchors.checkpoint_file,
                 "Append-only file of signed checkpoints (default: DATABASE.checkpoints beside a SQLite file)")
      ->envname("HEARKEN_AUDIT_CHECKPOINTS");

  ServeCommand serve;
  std::string listen = "127.0.0.1:8080";
  auto* serve_cmd = app.add_subcommand("serve", "Run the web server (migrates the database first)");
  serve_cmd->add_option("--listen", listen, "Address to listen on, HOST:PORT")->capture_default_str();
  serve_cmd->add_option("--static-dir", serve.static_dir, "Directory of the built web UI (web/dist)");
  serve_cmd->add_option("--threads", serve.threads, "I/O threads (each its own event loop)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  AddServeLimitOptions(*serve_cmd, serve.limits);
  serve_cmd->add_flag("--secure-cookies", serve.secure_cookies, "Mark cookies Secure (when behind TLS)");
  serve_cmd->add_option("--smtp-url", serve.smtp_url, "SMTP server for notices, smtp://HOST:PORT or smtps://...")
      ->envname("HEARKEN_SMTP_URL");
  serve_cmd->add_option("--smtp-user", serve.smtp_user, "SMTP user (password from HEARKEN_SMTP_PASSWORD)")
      ->envname("HEARKEN_SMTP_USER");
  serve_cmd->add_option("--imap-url", serve.imap_url, "IMAP folder of complaint intake, imap://HOST:PORT/INBOX")
      ->envname("HEARKEN_IMAP_URL");
  serve_cmd->add_option("--imap-user", serve.imap_user, "IMAP user (password from HEARKEN_IMAP_PASSWORD)")
      ->envname("HEARKEN_IMAP_USER");
  serve_cmd->add_option("--intake-address", serve.intake_address, "Reply-To address of notices (the intake mailbox)");
  serve_cmd->add_option("--sla-interval-seconds", serve.sla_interval_seconds, "How often the SLA job runs")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve_cmd->add_option("--imap-interval-seconds", serve.imap_interval_seconds, "How often the intake mailbox is read")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve_cmd->add_option("--checkpoint-interval-seconds", serve.checkpoint_interval_seconds,
                        "How often a signed checkpoint of the audit chain is written (at most hourly)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();

  auto* migrate_cmd = app.add_subcommand("migrate", "Apply database migrations");

  auto* user_cmd = app.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  UserAddArgs user_add;
  bool password_stdin = false;
  auto* user_add_cmd = user_cmd->add_subcommand("add", "Create a user; the password is read from standard input");
  user_add_cmd->add_option("--email", user_add.email, "E-mail address (the sign-in name)")->required();
  user_add_cmd->add_option("--role", user_add.role, "admin, quality_manager, handler or viewer")->required();
  user_add_cmd->add_option("--name", user_add.display_name, "Display name");
  user_add_cmd->add_flag("--password-stdin", password_stdin, "Read the password from standard input")->required();

  auto* token_cmd = app.add_subcommand("token", "Manage API tokens");
  token_cmd->require_subcommand(1);
  std::string token_user, token_name;
  auto* token_create_cmd = token_cmd->add_subcommand("create", "Create a bearer token and print it once");
  token_create_cmd->add_option("--user", token_user, "E-mail of the user the token acts as")->required();
  token_create_cmd->add_option("--name", token_name, "What the token is for")->required();

  auto* audit_cmd = app.add_subcommand("audit", "Audit trail");
  audit_cmd->require_subcommand(1);
  auto* audit_verify_cmd = audit_cmd->add_subcommand(
      "verify", "Check the hash chain against the signed checkpoints; exit 0 only when intact");
  auto* audit_checkpoint_cmd =
      audit_cmd->add_subcommand("checkpoint", "Sign the head of a verified chain and append it to the checkpoints");
  auto* audit_export_cmd = audit_cmd->add_subcommand(
      "export-checkpoints", "Print the signed checkpoints (one JSON line each) to keep a copy elsewhere");

  auto* subject_cmd = app.add_subcommand("subject", "What is held about one person (GDPR Art. 15, 17, 20)");
  subject_cmd->require_subcommand(1);
  std::string subject_email;
  auto* subject_export_cmd =
      subject_cmd->add_subcommand("export", "Print everything held about an e-mail address as one JSON document");
  subject_export_cmd->add_option("--email", subject_email, "The person's e-mail address")->required();
  std::string erase_reason;
  auto* subject_erase_cmd = subject_cmd->add_subcommand(
      "erase", "Erase a person's personal data everywhere; the audit chain and every statistic stay");
  subject_erase_cmd->add_option("--email", subject_email, "The person's e-mail address")->required();
  subject_erase_cmd->add_option("--reason", erase_reason, "Why (recorded in the audit trail)")->required();

  auto* import_cmd = app.add_subcommand("import", "Import records from another system");
  import_cmd->require_subcommand(1);
  std::string import_format = "cfpb", import_file;
  auto* import_complaints_cmd =
      import_cmd->add_subcommand("complaints", "Import complaints (rows already imported are skipped)");
  import_complaints_cmd->add_option("--format", import_format, "Format of the file: cfpb")
      ->check(CLI::IsMember({"cfpb"}))
      ->capture_default_str();
  import_complaints_cmd->add_option("file", import_file, "The file to import")->required();

  auto* demo_cmd = app.add_subcommand("demo", "Demo data");
  demo_cmd->require_subcommand(1);
  DemoSeedOptions demo;
  demo.churn_csv_path = DefaultDemoFile("ibm_telco_customer_churn.csv");
  auto* demo_seed_cmd = demo_cmd->add_subcommand("seed", "Fill an empty register with a demo organisation");
  demo_seed_cmd->add_option("--customers", demo.max_customers, "How many Telco customers to import (0: all)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  demo_seed_cmd->add_option("--churn-csv", demo.churn_csv_path, "The IBM Telco churn CSV")->capture_default_str();
  demo_seed_cmd
      ->add_option("--complaints", demo.complaints,
                   "history: two years of generated telecom complaints and live cases; none: no complaints")
      ->transform(CLI::CheckedTransformer(std::map<std::string, DemoComplaints>{
          {"history", DemoComplaints::kHistory}, {"none", DemoComplaints::kNone}}))
      ->default_str("history");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, err);
    return code == 0 ? 0 : kUsageError;
  }

  if (key_dir.empty()) key_dir = DefaultKeyDir(db_url);
  serve.key_dir = key_dir;
  {
    const AuditAnchorPaths defaults = DefaultAuditAnchorPaths(db_url, key_dir);
    if (anchors.key_file.empty()) anchors.key_file = defaults.key_file;
    // The public half beside the key in use (a configured key included).
    if (anchors.public_key.empty()) anchors.public_key = keys::AuditPublicKeyPath(anchors.key_file);
    if (anchors.checkpoint_file.empty()) anchors.checkpoint_file = defaults.checkpoint_file;
  }
  serve.audit_anchors = anchors;
  if (audit_export_cmd->parsed()) return RunAuditExportCheckpoints(anchors, out, err);
  if (serve_cmd->parsed()) {
    auto address = ParseListen(listen);
    if (!address.ok()) return ReportError(address.error(), err);
    serve.host = address->first;
    serve.port = address->second;
    if (const char* password = std::getenv("HEARKEN_SMTP_PASSWORD")) serve.smtp_password = password;
    if (const char* password = std::getenv("HEARKEN_IMAP_PASSWORD")) serve.imap_password = password;
    if (!serve.imap_url.empty() && serve.imap_user.empty())
      return ReportError(Error::InvalidField("imap-user", "required with --imap-url"), err);
  }

  auto store = hooks.open_store(db_url);
  if (!store.ok()) return ReportError(store.error(), err);
  Store& s = **store;

  // The data-key wrapping key (crypto-shredding), from the key directory.
  auto use_sealing_key = [&]() { return UseDataWrappingKey(s, key_dir); };
  if (serve_cmd->parsed()) {
    if (auto m = s.Migrate(); !m.ok()) return ReportError(m.error(), err);
    if (auto k = use_sealing_key(); !k.ok()) return ReportError(k.error(), err);
    return hooks.serve(s, serve);
  }
  if (migrate_cmd->parsed()) return RunMigrate(s, out, err);

  // The remaining commands need the current schema; migrating is safe and idempotent.
  if (auto m = s.Migrate(); !m.ok()) return ReportError(m.error(), err);
  if (auto k = use_sealing_key(); !k.ok()) return ReportError(k.error(), err);
  if (user_add_cmd->parsed()) return RunUserAdd(s, user_add, *hooks.in, out, err);
  if (token_create_cmd->parsed()) return RunTokenCreate(s, token_user, token_name, out, err);
  if (audit_verify_cmd->parsed()) return RunAuditVerify(s, anchors, out, err);
  if (audit_checkpoint_cmd->parsed()) return RunAuditCheckpoint(s, anchors, *hooks.clock, out, err);
  if (subject_export_cmd->parsed()) return RunSubjectExport(s, subject_email, *hooks.clock, out, err);
  if (subject_erase_cmd->parsed()) return RunSubjectErase(s, subject_email, erase_reason, out, err);
  if (import_complaints_cmd->parsed()) return RunImportComplaints(s, import_format, import_file, out, err);
  if (demo_seed_cmd->parsed()) {
    auto summary = SeedDemo(s, *hooks.clock, demo);
    if (!summary.ok()) return ReportError(summary.error(), err);
    if (summary->already_seeded)
      out << "the register already has customers; demo data not added\n";
    else
      out << "demo organisation seeded: " << summary->segments << " segments, " << summary->customers
          << " customers, " << summary->requirements << " requirements, " << summary->communications
          << " communications, " << summary->complaints << " complaints, " << summary->survey_answers
          << " survey answers\n";
    for (const auto& cause : summary->special_causes)
      out << "  special cause in " << cause.period << ": " << cause.cause << " (" << cause.category << ", +"
          << cause.extra << ")\n";
    return 0;
  }
  err << app.help();
  return kUsageError;
}

}  // namespace hearken
