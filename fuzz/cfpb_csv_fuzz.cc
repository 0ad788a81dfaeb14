// Fuzz target: the RFC 4180 CSV reader (ingest/csv_reader.h) and the CFPB
// reader and mapping on top of it (ingest/cfpb_csv.h, cfpb_import.h). The
// input is a CSV file. Both the whole-text parser and the streaming reader
// read it and must agree; each CFPB row accepted is mapped onto an import
// record, whose texts must be valid UTF-8 within the store's lengths.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "core/complaint.h"
#include "core/validation.h"
#include "fuzz_check.h"
#include "ingest/cfpb_csv.h"
#include "ingest/cfpb_import.h"
#include "ingest/csv_reader.h"

using namespace hearken;
using namespace hearken::ingest;

namespace {

void CheckText(const std::string& text, std::size_t max) {
  FUZZ_CHECK(IsValidUtf8(text));
  FUZZ_CHECK(text.size() <= max);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  auto whole = ParseCsv(text);
  {
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<std::string> fields;
    std::size_t records = 0;
    std::int64_t last_line = 0;
    for (;;) {
      auto next = reader.Next(fields);
      if (!next.ok()) {
        FUZZ_CHECK(!whole.ok());
        break;
      }
      if (!*next) {
        FUZZ_CHECK(whole.ok() && whole->size() == records);
        break;
      }
      FUZZ_CHECK(reader.record_line() > last_line);
      last_line = reader.record_line();
      if (whole.ok()) FUZZ_CHECK(records < whole->size() && (*whole)[records] == fields);
      for (const std::string& field : fields) FUZZ_CHECK(field.size() <= kMaxCsvFieldBytes);
      ++records;
    }
  }

  std::istringstream in(text);
  auto reader = CfpbReader::Open(in);
  if (!reader.ok()) return 0;
  for (int rows = 0; rows < 1000; ++rows) {
    auto row = reader->Next();
    if (!row.ok() || !row->has_value()) break;
    const CfpbComplaint& c = **row;
    FUZZ_CHECK(c.complaint_id > 0);
    FUZZ_CHECK(c.date_received.ok());
    FUZZ_CHECK(!c.date_sent || c.date_sent->ok());
    (void)StartOfDayUtc(c.date_received);
    (void)ChannelForSubmittedVia(c.submitted_via);
    ImportedComplaint imported = FromCfpb(c);
    CheckText(imported.fields.summary, kMaxShortTextLength);
    CheckText(imported.fields.description, kMaxLongTextLength);
    CheckText(imported.fields.product, kMaxNameLength);
    CheckText(imported.fields.site, kMaxNameLength);
    CheckText(imported.fields.external_ref, kMaxNameLength);
    for (const std::string& category : imported.category_path) CheckText(category, kMaxNameLength);
    CheckText(imported.source_outcome, kMaxShortTextLength);
    (void)ValidateComplaintIntake(imported.fields);
  }
  return 0;
}
