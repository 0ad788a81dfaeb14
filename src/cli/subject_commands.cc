#include "cli/subject_commands.h"

#include <ostream>

#include "cli/commands.h"
#include "core/subject_json.h"

namespace hearken {

int RunSubjectExport(Store& store, const std::string& email, const Clock& clock, std::ostream& out,
                     std::ostream& err) {
  auto data = store.subjects().ExportSubject(email);
  if (!data.ok()) return ReportError(data.error(), err);
  out << SubjectDocument(*data, clock.Now()).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace hearken
