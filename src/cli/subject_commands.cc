#include "cli/subject_commands.h"

#include <filesystem>
#include <ostream>

#include "cli/commands.h"
#include "core/personal_seal.h"
#include "core/subject_json.h"
#include "keys/key_file.h"

namespace hearken {

int RunSubjectExport(Store& store, const std::string& email, const Clock& clock, std::ostream& out,
                     std::ostream& err) {
  auto data = store.subjects().ExportSubject(email);
  if (!data.ok()) return ReportError(data.error(), err);
  out << SubjectDocument(*data, clock.Now()).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

int RunSubjectErase(Store& store, const std::string& email, const std::string& reason, std::ostream& out,
                    std::ostream& err) {
  if (reason.find_first_not_of(" \t") == std::string::npos)
    return ReportError(Error::InvalidField("reason", "is required: why the data is erased"), err);
  auto report = store.subjects().EraseSubject(CliWriteContext(reason), email);
  if (!report.ok()) return ReportError(report.error(), err);
  out << "erased the personal data of " << report->customers.size() << " customer record(s) and "
      << report->complaints.size() << " complaint(s): " << report->messages << " message(s), "
      << report->attachments << " attachment(s), " << report->ratings << " rating comment(s), "
      << report->communications << " communication(s); " << report->keys_destroyed << " data key(s) destroyed\n";
  return 0;
}

std::string DataWrappingKeyPath(const std::string& key_dir) {
  return (std::filesystem::path(key_dir) / "data-wrapping.key").string();
}

Status UseDataWrappingKey(Store& store, const std::string& key_dir) {
  auto key = keys::LoadOrCreateKey(DataWrappingKeyPath(key_dir), kDataKeyBytes);
  if (!key.ok()) return key.error();
  store.subjects().UseSealingKey(key->bytes);
  return Status::Ok();
}

}  // namespace hearken
