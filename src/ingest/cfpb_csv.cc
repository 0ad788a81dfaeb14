#include "ingest/cfpb_csv.h"

#include <cctype>
#include <charconv>
#include <system_error>
#include <utility>

#include "core/validation.h"

namespace hearken::ingest {

const std::array<CfpbColumnSpec, kCfpbColumnCount> kCfpbColumns = {{
    {CfpbColumn::kDateReceived, "Date received", true},
    {CfpbColumn::kProduct, "Product", true},
    {CfpbColumn::kSubProduct, "Sub-product", false},
    {CfpbColumn::kIssue, "Issue", true},
    {CfpbColumn::kSubIssue, "Sub-issue", false},
    {CfpbColumn::kNarrative, "Consumer complaint narrative", false},
    {CfpbColumn::kCompanyPublicResponse, "Company public response", false},
    {CfpbColumn::kCompany, "Company", true},
    {CfpbColumn::kState, "State", false},
    {CfpbColumn::kZipCode, "ZIP code", false},
    {CfpbColumn::kTags, "Tags", false},
    {CfpbColumn::kConsumerConsent, "Consumer consent provided?", false},
    {CfpbColumn::kSubmittedVia, "Submitted via", true},
    {CfpbColumn::kDateSent, "Date sent to company", true},
    {CfpbColumn::kCompanyResponse, "Company response to consumer", true},
    {CfpbColumn::kTimelyResponse, "Timely response?", true},
    {CfpbColumn::kConsumerDisputed, "Consumer disputed?", false},
    {CfpbColumn::kComplaintId, "Complaint ID", true},
}};

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return AsciiLower(Trim(a)) == AsciiLower(Trim(b));
}

// Reads min_digits..max_digits decimal digits at `pos` into `out`; false
// when fewer than min_digits are there.
bool ReadNumber(std::string_view s, std::size_t& pos, int min_digits, int max_digits, int& out) {
  int value = 0;
  int digits = 0;
  while (pos < s.size() && digits < max_digits && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    value = value * 10 + (s[pos] - '0');
    ++pos;
    ++digits;
  }
  out = value;
  return digits >= min_digits;
}

Error CellError(std::int64_t line, std::string_view header, const std::string& what) {
  std::string where = "line " + std::to_string(line) + ", column '" + std::string(header) + "'";
  return Error::InvalidArgument(where + ": " + what,
                                {{"line/" + std::to_string(line) + "/" + std::string(header), what}});
}

std::string Quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string shown(text.substr(0, kShown));
  if (text.size() > kShown) shown += "...";
  return "'" + shown + "'";
}

std::vector<std::string> SplitTags(std::string_view text) {
  std::vector<std::string> tags;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view tag = Trim(text.substr(0, comma));
    if (!tag.empty()) tags.emplace_back(tag);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return tags;
}

}  // namespace

Result<std::chrono::year_month_day> ParseCfpbDate(std::string_view text) {
  using namespace std::chrono;
  std::string_view s = Trim(text);
  auto bad = [&] {
    return Error::InvalidArgument("not a date (MM/DD/YYYY or YYYY-MM-DD): " + Quoted(text));
  };
  int y = 0, m = 0, d = 0;
  std::size_t pos = 0;
  if (s.size() == 10 && s[4] == '-') {
    if (!ReadNumber(s, pos, 4, 4, y) || s[pos++] != '-' || !ReadNumber(s, pos, 2, 2, m) || s[pos++] != '-' ||
        !ReadNumber(s, pos, 2, 2, d))
      return bad();
  } else {
    if (!ReadNumber(s, pos, 1, 2, m) || pos >= s.size() || s[pos++] != '/' || !ReadNumber(s, pos, 1, 2, d) ||
        pos >= s.size() || s[pos++] != '/' || !ReadNumber(s, pos, 4, 4, y))
      return bad();
  }
  if (pos != s.size()) return bad();
  year_month_day date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return bad();
  return date;
}

TimePoint StartOfDayUtc(std::chrono::year_month_day date) {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::sys_days{date});
}

Channel ChannelForSubmittedVia(std::string_view submitted_via) {
  std::string via = AsciiLower(Trim(submitted_via));
  if (via == "web") return Channel::kPortal;
  if (via == "phone") return Channel::kPhone;
  if (via == "postal mail") return Channel::kLetter;
  if (via == "email" || via == "e-mail") return Channel::kEmail;
  return Channel::kOther;
}

Result<CfpbReader> CfpbReader::Open(std::istream& in) {
  CfpbReader reader(in);
  std::vector<std::string> header;
  auto read = reader.csv_.Next(header);
  if (!read.ok()) return read.error();
  if (!*read || IsBlankRecord(header)) {
    return Error::InvalidArgument("line 1: the CFPB file has no header line");
  }
  for (std::size_t i = 0; i < header.size(); ++i) {
    for (std::size_t c = 0; c < kCfpbColumnCount; ++c) {
      if (!EqualsIgnoringCase(header[i], kCfpbColumns[c].header)) continue;
      if (reader.index_[c].has_value()) {
        return Error::InvalidField("header/" + std::string(kCfpbColumns[c].header),
                                   "line 1: the column appears twice (fields " +
                                       std::to_string(*reader.index_[c] + 1) + " and " + std::to_string(i + 1) +
                                       ")");
      }
      reader.index_[c] = i;
    }
  }
  std::vector<FieldError> missing;
  std::string names;
  for (std::size_t c = 0; c < kCfpbColumnCount; ++c) {
    if (!kCfpbColumns[c].required || reader.index_[c].has_value()) continue;
    std::string header_name(kCfpbColumns[c].header);
    missing.push_back({"header/" + header_name, "required column is missing"});
    names += (names.empty() ? "'" : ", '") + header_name + "'";
  }
  if (!missing.empty()) {
    return Error::InvalidArgument("line 1: the header lacks required column(s) " + names, std::move(missing));
  }
  reader.header_size_ = header.size();
  return reader;
}

Result<std::optional<CfpbComplaint>> CfpbReader::Next() {
  do {
    auto read = csv_.Next(fields_);
    if (!read.ok()) return read.error();
    if (!*read) return std::optional<CfpbComplaint>();
  } while (IsBlankRecord(fields_));

  const std::int64_t line = csv_.record_line();
  if (fields_.size() != header_size_) {
    std::string what = "expected " + std::to_string(header_size_) + " fields as in the header, found " +
                       std::to_string(fields_.size());
    return Error::InvalidArgument("line " + std::to_string(line) + ": " + what,
                                  {{"line/" + std::to_string(line), what}});
  }
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (IsCleanUtf8(fields_[i])) continue;
    std::string header = "field " + std::to_string(i + 1);
    for (std::size_t c = 0; c < kCfpbColumnCount; ++c) {
      if (index_[c] == i) header = std::string(kCfpbColumns[c].header);
    }
    return CellError(line, header, "not valid UTF-8 text, or holds control characters");
  }

  auto cell = [&](CfpbColumn column) -> std::string {
    const auto& index = index_[static_cast<std::size_t>(column)];
    return index ? fields_[*index] : std::string();
  };
  auto header_of = [](CfpbColumn column) { return kCfpbColumns[static_cast<std::size_t>(column)].header; };

  CfpbComplaint complaint;
  complaint.source_line = line;

  std::string id_text(Trim(cell(CfpbColumn::kComplaintId)));
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), complaint.complaint_id);
  if (id_text.empty() || ec != std::errc() || end != id_text.data() + id_text.size() || complaint.complaint_id <= 0) {
    return CellError(line, header_of(CfpbColumn::kComplaintId), "not a positive integer: " + Quoted(id_text));
  }

  auto received = ParseCfpbDate(cell(CfpbColumn::kDateReceived));
  if (!received.ok()) return CellError(line, header_of(CfpbColumn::kDateReceived), received.error().message);
  complaint.date_received = *received;

  std::string sent = cell(CfpbColumn::kDateSent);
  if (!Trim(sent).empty()) {
    auto parsed = ParseCfpbDate(sent);
    if (!parsed.ok()) return CellError(line, header_of(CfpbColumn::kDateSent), parsed.error().message);
    complaint.date_sent = *parsed;
  }

  complaint.product = cell(CfpbColumn::kProduct);
  if (Trim(complaint.product).empty()) {
    return CellError(line, header_of(CfpbColumn::kProduct), "the product is blank");
  }

  std::string timely(Trim(cell(CfpbColumn::kTimelyResponse)));
  if (EqualsIgnoringCase(timely, "Yes")) {
    complaint.timely_response = true;
  } else if (EqualsIgnoringCase(timely, "No")) {
    complaint.timely_response = false;
  } else {
    return CellError(line, header_of(CfpbColumn::kTimelyResponse), "expected Yes or No, found " + Quoted(timely));
  }

  std::string disputed(Trim(cell(CfpbColumn::kConsumerDisputed)));
  if (EqualsIgnoringCase(disputed, "Yes")) {
    complaint.consumer_disputed = true;
  } else if (EqualsIgnoringCase(disputed, "No")) {
    complaint.consumer_disputed = false;
  } else if (!disputed.empty() && !EqualsIgnoringCase(disputed, "N/A")) {
    return CellError(line, header_of(CfpbColumn::kConsumerDisputed),
                     "expected Yes, No, N/A or blank, found " + Quoted(disputed));
  }

  complaint.sub_product = cell(CfpbColumn::kSubProduct);
  complaint.issue = cell(CfpbColumn::kIssue);
  complaint.sub_issue = cell(CfpbColumn::kSubIssue);
  complaint.narrative = cell(CfpbColumn::kNarrative);
  complaint.company_public_response = cell(CfpbColumn::kCompanyPublicResponse);
  complaint.company = cell(CfpbColumn::kCompany);
  complaint.state = cell(CfpbColumn::kState);
  complaint.zip_code = cell(CfpbColumn::kZipCode);
  complaint.tags = SplitTags(cell(CfpbColumn::kTags));
  complaint.consumer_consent = cell(CfpbColumn::kConsumerConsent);
  complaint.submitted_via = cell(CfpbColumn::kSubmittedVia);
  complaint.company_response = cell(CfpbColumn::kCompanyResponse);
  return std::optional<CfpbComplaint>(std::move(complaint));
}

Result<std::vector<CfpbComplaint>> ReadCfpbCsv(std::istream& in) {
  auto reader = CfpbReader::Open(in);
  if (!reader.ok()) return reader.error();
  std::vector<CfpbComplaint> complaints;
  for (;;) {
    auto next = reader->Next();
    if (!next.ok()) return next.error();
    if (!next->has_value()) break;
    complaints.push_back(std::move(**next));
  }
  return complaints;
}

}  // namespace hearken::ingest
