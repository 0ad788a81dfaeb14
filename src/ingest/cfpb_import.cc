// The CFPB complaint import: CfpbComplaint → ImportedComplaint, and the batched
// file import through Store::ImportComplaints.
#include "ingest/cfpb_import.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "core/validation.h"

namespace hearken::ingest {
namespace {

// `text` cut to at most `max` bytes at a UTF-8 boundary, ending in "…" when cut.
std::string Fit(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  static const std::string kEllipsis = "\xE2\x80\xA6";
  size_t end = max - kEllipsis.size();
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + kEllipsis;
}

std::string Trimmed(const std::string& s) {
  const char* space = " \t\r\n";
  size_t begin = s.find_first_not_of(space);
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(space) - begin + 1);
}

// A one-line field: line breaks and tabs become spaces, ends trimmed.
std::string OneLine(const std::string& s) {
  std::string out = s;
  for (char& ch : out)
    if (ch == '\r' || ch == '\n' || ch == '\t') ch = ' ';
  return Trimmed(out);
}

std::string WithDetail(const std::string& main, const std::string& detail) {
  return detail.empty() ? main : main + " \xE2\x80\x93 " + detail;  // en dash
}

std::string GeneratedDescription(const CfpbComplaint& c) {
  std::string text = "Complaint about " + WithDetail(c.product, c.sub_product);
  if (!c.issue.empty()) text += ": " + WithDetail(c.issue, c.sub_issue);
  text += ". The consumer's narrative was not published.";
  return text;
}

// Maps the "rows/<i>/..." fields of an import error onto the lines of the file.
Error ForLines(const Error& error, const std::vector<std::int64_t>& lines) {
  Error out = error;
  for (auto& f : out.fields) {
    if (f.field.rfind("rows/", 0) != 0) continue;
    size_t end = f.field.find('/', 5);
    std::string index = f.field.substr(5, end == std::string::npos ? std::string::npos : end - 5);
    size_t i = 0;
    try {
      i = std::stoul(index);
    } catch (const std::exception&) {
      continue;
    }
    if (i >= lines.size()) continue;
    const std::string from = "rows/" + index, to = "line/" + std::to_string(lines[i]);
    f.field = to + (end == std::string::npos ? "" : f.field.substr(end));
    for (size_t at = out.message.find(from); at != std::string::npos; at = out.message.find(from, at + to.size())) {
      const size_t after = at + from.size();
      if (after < out.message.size() && std::isdigit(static_cast<unsigned char>(out.message[after]))) continue;
      out.message.replace(at, from.size(), to);
    }
  }
  return out;
}

// The company's response as the decision of the case (the CFPB publishes
// its kind, not its text): the remedy follows the kind of relief.
ComplaintResponse ResponseOf(const std::string& company_response) {
  ComplaintResponse r;
  const auto has = [&](const char* text) { return company_response.find(text) != std::string::npos; };
  if (company_response == "Untimely response") {
    r.decision = "The company did not respond in time; the CFPB closed the complaint (as recorded by the CFPB).";
    r.remedies = {Remedy::kOther};
    r.remedy_detail = "none: untimely response";
    return r;
  }
  r.decision = "The company's response: " + company_response + " (as recorded by the CFPB).";
  if (has("non-monetary relief")) {
    r.remedies = {Remedy::kOther};
    r.remedy_detail = "non-monetary relief";
  } else if (has("monetary relief")) {
    r.remedies = {Remedy::kRefund};
    r.remedy_detail = "monetary relief";
  } else if (has("with relief")) {
    r.remedies = {Remedy::kOther};
    r.remedy_detail = "relief";
  } else {
    r.remedies = {Remedy::kExplanation};
  }
  return r;
}

}  // namespace

ImportedComplaint FromCfpb(const CfpbComplaint& source) {
  CfpbComplaint c = source;
  for (std::string* field : {&c.product, &c.sub_product, &c.issue, &c.sub_issue, &c.state, &c.company_response})
    *field = OneLine(*field);
  ImportedComplaint row;
  ComplaintIntakeFields& f = row.fields;
  f.intake = ComplaintIntake::kImport;
  f.channel = ChannelForSubmittedVia(c.submitted_via);
  f.summary = Fit(WithDetail(c.issue.empty() ? c.product : c.issue, c.sub_issue), kMaxShortTextLength);
  f.description = Fit(c.narrative.empty() ? GeneratedDescription(c) : c.narrative, kMaxLongTextLength);
  f.product = Fit(c.product, kMaxNameLength);
  f.site = Fit(c.state, kMaxNameLength);
  f.received_at = StartOfDayUtc(c.date_received);
  f.external_ref = "CFPB-" + std::to_string(c.complaint_id);
  for (const std::string* level : {&c.product, &c.sub_product, &c.issue, &c.sub_issue}) {
    std::string name = *level;
    if (name.empty()) continue;
    // "/" separates the levels of a category path; a CFPB name may contain one.
    for (char& ch : name)
      if (ch == '/') ch = '-';
    row.category_path.push_back(Fit(name, kMaxNameLength));
  }
  row.source_outcome = Fit(c.company_response, kMaxNameLength);
  row.source_timely = c.timely_response;
  if (c.date_sent) row.sent_at = StartOfDayUtc(*c.date_sent);
  // The CFPB closes a case with the company's response ("Closed with
  // explanation", "... relief", or an "Untimely response"); only "In progress"
  // is still open. The response date is not published, so the closure is
  // dated when the complaint was sent to the company. A consumer who did not
  // dispute the response accepted it; otherwise nothing is known.
  const bool closed = c.company_response.rfind("Closed", 0) == 0 || c.company_response == "Untimely response";
  if (closed) {
    // A few rows were sent to the company before the CFPB dated their
    // receipt; the closure is never before the receipt.
    row.closed_at = std::max(row.sent_at.value_or(TimePoint{}), f.received_at.value_or(TimePoint{}));
    row.closure = c.consumer_disputed == std::optional<bool>(false) ? ClosureKind::kAccepted : ClosureKind::kNoReply;
    row.response = ResponseOf(c.company_response);
  }
  return row;
}

Result<ImportReport> ImportCfpbCsv(Store& store, const WriteContext& ctx, std::istream& in, size_t batch) {
  if (batch == 0) batch = 1;
  auto reader = CfpbReader::Open(in);
  if (!reader.ok()) return reader.error();
  ImportReport total;
  std::vector<ImportedComplaint> rows;
  std::vector<std::int64_t> lines;
  auto flush = [&]() -> Status {
    if (rows.empty()) return Status::Ok();
    auto report = store.complaints().ImportComplaints(ctx, rows);
    if (!report.ok()) return ForLines(report.error(), lines);
    total.created += report->created;
    total.skipped_duplicates += report->skipped_duplicates;
    total.categories_created += report->categories_created;
    rows.clear();
    lines.clear();
    return Status::Ok();
  };
  while (true) {
    auto next = reader->Next();
    if (!next.ok()) return next.error();
    if (!next->has_value()) break;
    rows.push_back(FromCfpb(**next));
    lines.push_back((*next)->source_line);
    if (rows.size() >= batch)
      if (Status s = flush(); !s.ok()) return s.error();
  }
  if (Status s = flush(); !s.ok()) return s.error();
  return total;
}

}  // namespace hearken::ingest
