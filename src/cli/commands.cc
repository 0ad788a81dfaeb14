#include "cli/commands.h"

#include <fstream>
#include <istream>
#include <ostream>

#include "cli/cli.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "ingest/cfpb_import.h"

namespace hearken {

WriteContext CliWriteContext(const std::string& reason) { return {{std::nullopt, "cli"}, reason}; }

int ReportError(const Error& error, std::ostream& err) {
  err << "hearken: " << error.message << "\n";
  if (error.fields.size() > 1)
    for (const auto& f : error.fields) err << "  " << f.field << ": " << f.message << "\n";
  return ExitCodeFor(error.code);
}

int RunMigrate(Store& store, std::ostream& out, std::ostream& err) {
  auto before = store.SchemaVersion();
  if (!before.ok()) return ReportError(before.error(), err);
  if (auto s = store.Migrate(); !s.ok()) return ReportError(s.error(), err);
  auto after = store.SchemaVersion();
  if (!after.ok()) return ReportError(after.error(), err);
  if (*after == *before)
    out << "schema is up to date (version " << *after << ")\n";
  else
    out << "migrated schema from version " << *before << " to " << *after << "\n";
  return 0;
}

int RunUserAdd(Store& store, const UserAddArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  auto role = ParseRole(args.role);
  if (!role) return ReportError(Error::InvalidField("role", "must be admin, quality_manager, handler or viewer"), err);
  std::string password;
  if (!std::getline(in, password) && password.empty())
    return ReportError(Error::InvalidField("password", "expected on standard input"), err);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto s = ValidatePassword(password); !s.ok()) return ReportError(s.error(), err);
  User user;
  user.email = AsciiLower(args.email);
  user.display_name = args.display_name.empty() ? user.email.substr(0, user.email.find('@')) : args.display_name;
  user.role = *role;
  if (auto s = ValidateUser(user); !s.ok()) return ReportError(s.error(), err);
  auto hash = HashPassword(password);
  if (!hash.ok()) return ReportError(hash.error(), err);
  user.password_hash = *hash;
  auto created = store.users().CreateUser(CliWriteContext("user add"), user);
  if (!created.ok()) return ReportError(created.error(), err);
  out << "created user " << created->id << " " << created->email << " (" << ToString(created->role) << ")\n";
  return 0;
}

int RunTokenCreate(Store& store, const std::string& email, const std::string& name, std::ostream& out,
                   std::ostream& err) {
  auto user = store.users().GetUserByEmail(email);
  if (!user.ok()) {
    if (user.error().code == ErrorCode::kNotFound) return ReportError(Error::NotFound("no user " + email), err);
    return ReportError(user.error(), err);
  }
  if (!user->enabled) return ReportError(Error::FailedPrecondition("user " + email + " is disabled"), err);
  std::string token = "hk_" + RandomToken();
  auto created = store.users().CreateApiToken(CliWriteContext("token create"), user->id, name, HashToken(token));
  if (!created.ok()) return ReportError(created.error(), err);
  out << token << "\n";
  return 0;
}

int RunImportComplaints(Store& store, const std::string& format, const std::string& path, std::ostream& out,
                        std::ostream& err) {
  if (format != "cfpb") return ReportError(Error::InvalidField("format", "must be cfpb"), err);
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReportError(Error::NotFound("cannot open " + path), err);
  auto report = ingest::ImportCfpbCsv(store, CliWriteContext("import complaints (" + format + ")"), in);
  if (!report.ok()) return ReportError(report.error(), err);
  out << "imported " << report->created << " complaints (" << report->skipped_duplicates << " duplicates skipped, "
      << report->categories_created << " categories created)\n";
  return 0;
}

}  // namespace hearken
