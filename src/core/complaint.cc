// Enumeration names, default settings, field rules and references of the
// complaint records (complaint.h).
#include "core/complaint.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/enum_names.h"
#include "core/validation.h"

namespace hearken {
namespace {

constexpr NameTable<ComplaintIntake, 5> kIntakeNames{{{ComplaintIntake::kPublicForm, "public_form"},
                                                      {ComplaintIntake::kStaff, "staff"},
                                                      {ComplaintIntake::kApi, "api"},
                                                      {ComplaintIntake::kEmail, "email"},
                                                      {ComplaintIntake::kImport, "import"}}};
constexpr NameTable<Priority, 4> kPriorityNames{{{Priority::kLow, "low"},
                                                 {Priority::kNormal, "normal"},
                                                 {Priority::kHigh, "high"},
                                                 {Priority::kUrgent, "urgent"}}};
constexpr NameTable<CauseCategory, 6> kCauseNames{{{CauseCategory::kPeople, "people"},
                                                   {CauseCategory::kProcess, "process"},
                                                   {CauseCategory::kEquipment, "equipment"},
                                                   {CauseCategory::kMaterial, "material"},
                                                   {CauseCategory::kMeasurement, "measurement"},
                                                   {CauseCategory::kEnvironment, "environment"}}};
constexpr NameTable<Remedy, 6> kRemedyNames{{{Remedy::kExplanation, "explanation"},
                                             {Remedy::kApology, "apology"},
                                             {Remedy::kRepair, "repair"},
                                             {Remedy::kReplacement, "replacement"},
                                             {Remedy::kRefund, "refund"},
                                             {Remedy::kOther, "other"}}};
constexpr NameTable<MessageKind, 4> kMessageKindNames{{{MessageKind::kToComplainant, "to_complainant"},
                                                       {MessageKind::kFromComplainant, "from_complainant"},
                                                       {MessageKind::kInternalNote, "internal_note"},
                                                       {MessageKind::kUnverifiedMail, "unverified_mail"}}};
constexpr NameTable<ActionStatus, 4> kActionStatusNames{{{ActionStatus::kOpen, "open"},
                                                         {ActionStatus::kInProgress, "in_progress"},
                                                         {ActionStatus::kDone, "done"},
                                                         {ActionStatus::kCancelled, "cancelled"}}};
constexpr NameTable<SlaClock, 2> kSlaClockNames{{{SlaClock::kAcknowledge, "acknowledge"},
                                                 {SlaClock::kResolve, "resolve"}}};
constexpr NameTable<SlaNotice, 2> kSlaNoticeNames{{{SlaNotice::kWarning, "warning"},
                                                   {SlaNotice::kEscalation, "escalation"}}};

// Collects field problems and turns them into one InvalidArgument error.
class Problems {
 public:
  void Add(std::string field, std::string message) { fields_.push_back({std::move(field), std::move(message)}); }

  // Clean UTF-8, not blank when required, at most `max_length` bytes.
  void Text(const std::string& field, std::string_view value, size_t max_length, bool required) {
    if (!IsCleanUtf8(value)) {
      Add(field, "must be valid UTF-8 text without control characters");
    } else if (required && value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      Add(field, "is required");
    } else if (value.size() > max_length) {
      Add(field, "must be at most " + std::to_string(max_length) + " bytes");
    }
  }

  // Like Text, and one line (no CR or LF).
  void Line(const std::string& field, std::string_view value, size_t max_length, bool required) {
    if (value.find_first_of("\r\n") != std::string_view::npos) {
      Add(field, "must be one line");
      return;
    }
    Text(field, value, max_length, required);
  }

  void PositiveId(const std::string& field, const std::optional<Id>& id) {
    if (id && *id <= 0) Add(field, "must be a positive id");
  }

  // Takes over the field errors of another check, prefixing their names.
  void Merge(const Status& status, const std::string& prefix) {
    if (status.ok()) return;
    if (status.error().fields.empty()) {
      Add(prefix.empty() ? "settings" : prefix.substr(0, prefix.size() - 1), status.error().message);
      return;
    }
    for (const auto& f : status.error().fields) Add(prefix + f.field, f.message);
  }

  Status Result(std::string_view what) const {
    if (fields_.empty()) return Status::Ok();
    std::string message = "invalid " + std::string(what) + ":";
    for (const auto& f : fields_) message += " " + f.field + " " + f.message + ";";
    message.pop_back();
    return Error::InvalidArgument(std::move(message), fields_);
  }

 private:
  std::vector<FieldError> fields_;
};


bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The placeholder names a template may use.
constexpr std::array<std::string_view, 7> kPlaceholders = {"reference", "status_link", "rating_link", "name",
                                                          "summary",   "decision",    "organisation"};

// Every {{name}} in `text` (name trimmed of spaces).
std::vector<std::string> PlaceholdersIn(std::string_view text) {
  std::vector<std::string> names;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    size_t end = text.find("}}", pos + 2);
    if (end == std::string_view::npos) break;
    std::string_view inner = text.substr(pos + 2, end - pos - 2);
    size_t a = inner.find_first_not_of(' '), b = inner.find_last_not_of(' ');
    names.emplace_back(a == std::string_view::npos ? std::string_view() : inner.substr(a, b - a + 1));
    pos = end + 2;
  }
  return names;
}

void CheckTemplate(Problems& p, const std::string& name, const MailTemplate& t) {
  p.Line(name + "/subject", t.subject, kMaxShortTextLength, true);
  p.Text(name + "/body", t.body, kMaxLongTextLength, true);
  for (const auto& [field, text] : {std::pair{std::string("/subject"), std::string_view(t.subject)},
                                    std::pair{std::string("/body"), std::string_view(t.body)}}) {
    for (const std::string& ph : PlaceholdersIn(text)) {
      bool known = false;
      for (auto k : kPlaceholders) known = known || k == ph;
      if (!known) {
        p.Add(name + field, "unknown placeholder {{" + ph + "}}");
        break;
      }
    }
  }
}

constexpr std::array<std::string_view, 5> kCannedPlaceholders = {"reference", "name", "summary", "decision",
                                                                  "organisation"};

void CheckCannedResponses(Problems& p, const std::vector<CannedResponse>& responses) {
  if (responses.size() > kMaxCannedResponses) p.Add("canned_responses", "at most 100 canned responses");
  std::set<std::string> names;
  for (size_t i = 0; i < responses.size(); ++i) {
    const CannedResponse& c = responses[i];
    const std::string at = "canned_responses/" + std::to_string(i);
    p.Line(at + "/name", c.name, 100, true);
    p.Line(at + "/subject", c.subject, kMaxShortTextLength, false);
    p.Text(at + "/body", c.body, kMaxLongTextLength, true);
    std::string lower = c.name;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!c.name.empty() && !names.insert(lower).second) p.Add(at + "/name", "another canned response has this name");
    for (const auto& [field, text] : {std::pair{std::string("/subject"), std::string_view(c.subject)},
                                      std::pair{std::string("/body"), std::string_view(c.body)}})
      for (const std::string& ph : PlaceholdersIn(text))
        if (std::find(kCannedPlaceholders.begin(), kCannedPlaceholders.end(), ph) == kCannedPlaceholders.end()) {
          p.Add(at + field, "unknown placeholder {{" + ph + "}} (known: reference, name, summary, decision, "
                            "organisation)");
          break;
        }
  }
}

}  // namespace

#define HEARKEN_ENUM_NAMES(Type, table, Parse)                                \
  std::string_view ToString(Type v) { return NameOf(table, v); }              \
  std::optional<Type> Parse(std::string_view s) { return ValueOf(table, s); } \
  template <> std::vector<std::string_view> EnumNames<Type>() { return NamesOf(table); }

HEARKEN_ENUM_NAMES(ComplaintIntake, kIntakeNames, ParseComplaintIntake)
HEARKEN_ENUM_NAMES(Priority, kPriorityNames, ParsePriority)
HEARKEN_ENUM_NAMES(CauseCategory, kCauseNames, ParseCauseCategory)
HEARKEN_ENUM_NAMES(Remedy, kRemedyNames, ParseRemedy)
HEARKEN_ENUM_NAMES(MessageKind, kMessageKindNames, ParseMessageKind)
HEARKEN_ENUM_NAMES(ActionStatus, kActionStatusNames, ParseActionStatus)
HEARKEN_ENUM_NAMES(SlaClock, kSlaClockNames, ParseSlaClock)
HEARKEN_ENUM_NAMES(SlaNotice, kSlaNoticeNames, ParseSlaNotice)

#undef HEARKEN_ENUM_NAMES

// ---- Defaults ---------------------------------------------------------------------

ComplaintSettings DefaultComplaintSettings() {
  ComplaintSettings s;
  s.calendar.time_zone = "UTC";
  s.calendar.week = WorkWeek(DayHours{std::chrono::minutes(9 * 60), std::chrono::minutes(17 * 60)});
  const SlaTargets standard{{1, SlaUnit::kBusinessDays}, {10, SlaUnit::kBusinessDays}};
  s.sla.unassessed = standard;
  s.sla.by_severity[0] = {{4, SlaUnit::kBusinessHours}, {2, SlaUnit::kBusinessDays}};
  s.sla.by_severity[1] = {{1, SlaUnit::kBusinessDays}, {5, SlaUnit::kBusinessDays}};
  s.sla.by_severity[2] = standard;
  s.sla.by_severity[3] = standard;
  s.sla.warn_at_percent = 75;
  s.closure.no_reply_days = 14;
  s.mail_from = "";
  s.mail_from_name = "";
  s.public_base_url = "http://127.0.0.1:8080";
  s.acknowledgement = {
      "[{{reference}}] We have received your complaint",
      "Dear {{name}},\n\n"
      "Thank you for telling us about a problem. We have received your complaint\n"
      "\"{{summary}}\" and registered it under the reference {{reference}}.\n\n"
      "We will look into it and tell you what we decide. You can follow its progress,\n"
      "and send us further information, on this page:\n\n"
      "{{status_link}}\n\n"
      "Please quote {{reference}} if you write to us about it; you can also simply\n"
      "reply to this e-mail.\n\n"
      "Kind regards,\n{{organisation}}\n"};
  s.decision = {
      "[{{reference}}] Our response to your complaint",
      "Dear {{name}},\n\n"
      "We have looked into your complaint \"{{summary}}\" (reference {{reference}}).\n\n"
      "{{decision}}\n\n"
      "If you are not satisfied with this response, please reply to this e-mail or\n"
      "write to us on the status page, and we will look at it again:\n\n"
      "{{status_link}}\n\n"
      "Kind regards,\n{{organisation}}\n"};
  s.closure_notice = {
      "[{{reference}}] Your complaint is closed",
      "Dear {{name}},\n\n"
      "We have closed your complaint \"{{summary}}\" (reference {{reference}}).\n\n"
      "We would like to know how well we handled it. Rating it takes a minute:\n\n"
      "{{rating_link}}\n\n"
      "Its page stays open for you to read:\n\n"
      "{{status_link}}\n\n"
      "Thank you for helping us improve.\n\n"
      "Kind regards,\n{{organisation}}\n"};
  return s;
}

// ---- Validation ---------------------------------------------------------------------

Status ValidateComplaintIntake(const ComplaintIntakeFields& f) {
  Problems p;
  p.Line("summary", f.summary, kMaxShortTextLength, true);
  p.Text("description", f.description, kMaxLongTextLength, true);
  p.Line("product", f.product, kMaxNameLength, false);
  p.Text("remedy_wanted", f.remedy_wanted, kMaxLongTextLength, false);
  p.Line("contact_name", f.contact_name, kMaxNameLength, false);
  if (!f.contact_email.empty() && !IsPlausibleEmail(f.contact_email))
    p.Add("contact_email", "must be an e-mail address");
  p.Line("contact_phone", f.contact_phone, 50, false);
  p.PositiveId("customer_id", f.customer_id);
  p.Line("site", f.site, kMaxNameLength, false);
  p.PositiveId("category_id", f.category_id);
  p.Line("external_ref", f.external_ref, kMaxNameLength, false);
  p.Line("source_message_id", f.source_message_id, 998, false);
  if (f.consent_contact && f.contact_email.empty() && f.contact_phone.empty())
    p.Add("consent_contact", "needs an e-mail address or a phone number to contact");
  return p.Result("complaint");
}

Status ValidateAssessment(const ComplaintAssessment& a) {
  Problems p;
  if (a.severity < kMinSeverity || a.severity > kMaxSeverity)
    p.Add("severity", "must be from " + std::to_string(kMinSeverity) + " (most severe) to " +
                          std::to_string(kMaxSeverity));
  p.PositiveId("category_id", a.category_id);
  p.Line("product", a.product, kMaxNameLength, false);
  p.PositiveId("customer_id", a.customer_id);
  p.PositiveId("segment_id", a.segment_id);
  p.Line("site", a.site, kMaxNameLength, false);
  p.Text("immediate_action_note", a.immediate_action_note, kMaxLongTextLength, a.immediate_action);
  return p.Result("assessment");
}

Status ValidateInvestigation(const ComplaintInvestigation& inv) {
  Problems p;
  if (inv.whys.empty()) p.Add("whys", "at least one answer to \"why?\" is required");
  if (inv.whys.size() > kMaxWhys) p.Add("whys", "at most " + std::to_string(kMaxWhys) + " answers");
  for (size_t i = 0; i < inv.whys.size() && i < kMaxWhys; ++i)
    p.Text("whys/" + std::to_string(i), inv.whys[i], kMaxShortTextLength, true);
  p.Text("root_cause", inv.root_cause, kMaxLongTextLength, true);
  p.Text("evidence", inv.evidence, kMaxLongTextLength, false);
  return p.Result("investigation");
}

Status ValidateResponse(const ComplaintResponse& r) {
  Problems p;
  p.Text("decision", r.decision, kMaxLongTextLength, true);
  if (r.remedies.empty()) p.Add("remedies", "choose at least one remedy");
  bool other = false;
  for (size_t i = 0; i < r.remedies.size(); ++i) {
    other = other || r.remedies[i] == Remedy::kOther;
    for (size_t j = 0; j < i; ++j)
      if (r.remedies[i] == r.remedies[j]) {
        p.Add("remedies", "each remedy at most once (" + std::string(ToString(r.remedies[i])) + " repeats)");
        break;
      }
  }
  p.Text("remedy_detail", r.remedy_detail, kMaxLongTextLength, other);
  return p.Result("response");
}

Status ValidateComplaintMessage(const ComplaintMessage& m) {
  Problems p;
  p.Line("subject", m.subject, kMaxShortTextLength, false);
  p.Text("body", m.body, kMaxLongTextLength, true);
  p.Line("author", m.author, kMaxShortTextLength, false);
  return p.Result("message");
}

Status ValidateCategoryName(std::string_view name) {
  Problems p;
  p.Line("name", name, kMaxNameLength, true);
  if (name.find('/') != std::string_view::npos) p.Add("name", "must not contain \"/\"");
  return p.Result("category");
}

Status ValidateCorrectiveAction(const CorrectiveAction& a) {
  Problems p;
  p.Line("title", a.title, kMaxShortTextLength, true);
  p.Text("description", a.description, kMaxLongTextLength, false);
  p.PositiveId("owner_id", a.owner_id);
  if (a.due_date && !a.due_date->ok()) p.Add("due_date", "must be a valid date");
  for (size_t i = 0; i < a.complaint_ids.size(); ++i)
    if (a.complaint_ids[i] <= 0) p.Add("complaint_ids/" + std::to_string(i), "must be a positive id");
  return p.Result("corrective action");
}

Status ValidateRating(int score, std::string_view comment) {
  Problems p;
  if (score < 1 || score > 5) p.Add("score", "must be from 1 to 5");
  p.Text("comment", comment, kMaxLongTextLength, false);
  return p.Result("rating");
}

Status ValidatePeriodVolume(const PeriodVolume& v) {
  Problems p;
  const std::string& s = v.period;
  bool month = s.size() == 7 && IsDigit(s[0]) && IsDigit(s[1]) && IsDigit(s[2]) && IsDigit(s[3]) && s[4] == '-' &&
               IsDigit(s[5]) && IsDigit(s[6]) && std::stoi(s.substr(5)) >= 1 && std::stoi(s.substr(5)) <= 12;
  bool week = s.size() == 8 && IsDigit(s[0]) && IsDigit(s[1]) && IsDigit(s[2]) && IsDigit(s[3]) && s[4] == '-' &&
              s[5] == 'W' && IsDigit(s[6]) && IsDigit(s[7]) && std::stoi(s.substr(6)) >= 1 &&
              std::stoi(s.substr(6)) <= 53;
  if (!month && !week) p.Add("period", "must be a month (2025-01) or an ISO week (2025-W03)");
  if (!(v.volume > 0) || v.volume > 1e15) p.Add("volume", "must be a positive number");
  p.Line("unit", v.unit, 50, false);
  return p.Result("period volume");
}

Status ValidateComplaintSettings(const ComplaintSettings& s) {
  Problems p;
  p.Merge(ValidateCalendarSettings(s.calendar), "calendar/");
  p.Merge(ValidateSlaPolicy(s.sla), "sla/");
  p.Merge(ValidateClosurePolicy(s.closure), "closure/");
  if (!s.mail_from.empty() && !IsPlausibleEmail(s.mail_from)) p.Add("mail_from", "must be empty or an e-mail address");
  p.Line("mail_from_name", s.mail_from_name, kMaxNameLength, false);
  const std::string& url = s.public_base_url;
  bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  size_t host_at = url.find("://") + 3;
  bool spaces = false;
  for (unsigned char c : url) spaces = spaces || c <= 0x20 || c == 0x7f;
  if (!scheme || spaces || url.size() <= host_at || url[host_at] == '/' || url.size() > 2000 ||
      !IsCleanUtf8(url))
    p.Add("public_base_url", "must be an http:// or https:// address without spaces");
  // Named by their JSON paths (complaint_json.h).
  CheckTemplate(p, "templates/acknowledgement", s.acknowledgement);
  CheckTemplate(p, "templates/decision", s.decision);
  CheckTemplate(p, "templates/closure", s.closure_notice);
  CheckCannedResponses(p, s.canned_responses);
  return p.Result("complaint settings");
}

// ---- References ---------------------------------------------------------------------

std::string FormatComplaintReference(int year, std::int64_t number) {
  std::string y = std::to_string(year);
  while (y.size() < 4) y.insert(y.begin(), '0');
  std::string n = std::to_string(number);
  while (n.size() < 6) n.insert(n.begin(), '0');
  return "C-" + y + "-" + n;
}

namespace {
// Length of a reference starting at text[0], or 0.
size_t ReferenceLength(std::string_view t) {
  if (t.size() < 13 || t[0] != 'C' || t[1] != '-') return 0;
  for (size_t i = 2; i < 6; ++i)
    if (!IsDigit(t[i])) return 0;
  if (t[6] != '-') return 0;
  size_t i = 7;
  while (i < t.size() && IsDigit(t[i])) ++i;
  return i - 7 >= 6 ? i : 0;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }
}  // namespace

bool IsComplaintReference(std::string_view text) {
  return ReferenceLength(text) == text.size() && !text.empty();
}

std::string FindComplaintReference(std::string_view text) {
  for (size_t pos = text.find("C-"); pos != std::string_view::npos; pos = text.find("C-", pos + 1)) {
    if (pos > 0 && IsWordChar(text[pos - 1])) continue;
    size_t len = ReferenceLength(text.substr(pos));
    if (len == 0) continue;
    if (pos + len < text.size() && IsWordChar(text[pos + len])) continue;
    return std::string(text.substr(pos, len));
  }
  return "";
}

CaseRecord CaseRecordOf(const Complaint& c) {
  CaseRecord record;
  record.assessment = c.severity.has_value();
  record.decision = !c.decision.empty() && c.responded_at && *c.responded_at >= c.resolve_started_at;
  return record;
}

}  // namespace hearken
