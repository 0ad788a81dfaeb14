// JSON form of the complaint records and the strict settings decoder
// (complaint_json.h).
#include "core/complaint_json.h"

#include <cstdio>
#include <initializer_list>

#include "core/time_format.h"

namespace hearken {
namespace {

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

template <typename E>
Json NameOrNull(const std::optional<E>& v) {
  return v ? Json(std::string(ToString(*v))) : Json(nullptr);
}

std::string FormatClock(std::chrono::minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60), static_cast<int>(m.count() % 60));
  return buf;
}

// "HH:MM" with 00 <= HH <= 24 and 00 <= MM <= 59, as minutes; nullopt otherwise.
std::optional<std::chrono::minutes> ParseClock(const std::string& s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 5 || !digit(s[0]) || !digit(s[1]) || s[2] != ':' || !digit(s[3]) || !digit(s[4]))
    return std::nullopt;
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59) return std::nullopt;
  return std::chrono::minutes(h * 60 + m);
}

Json ToJson(const SlaTarget& t) { return {{"amount", t.amount}, {"unit", std::string(ToString(t.unit))}}; }
Json ToJson(const SlaTargets& t) { return {{"acknowledge", ToJson(t.acknowledge)}, {"resolve", ToJson(t.resolve)}}; }
Json ToJson(const MailTemplate& t) { return {{"subject", t.subject}, {"body", t.body}}; }

// Strict reading of a JSON object tree: collects every problem by path.
class Reader {
 public:
  // The object at `path` if `j` is one and has exactly `keys` (those in
  // `optional_keys` may be missing); nullptr (problem noted) otherwise.
  const Json* Object(const Json& j, const std::string& path, std::initializer_list<std::string_view> keys,
                     std::initializer_list<std::string_view> optional_keys = {}) {
    if (!j.is_object()) {
      Add(path, "must be an object");
      return nullptr;
    }
    for (const auto& [key, value] : j.items()) {
      bool known = false;
      for (auto k : keys) known = known || k == key;
      for (auto k : optional_keys) known = known || k == key;
      if (!known) Add(Join(path, key), "is not a known field");
    }
    for (auto k : keys)
      if (!j.contains(std::string(k))) Add(Join(path, k), "is required");
    return &j;
  }

  // The member `key` of object `o` ("" when absent or not a string).
  std::string String(const Json& o, const std::string& path, std::string_view key) {
    auto it = o.find(std::string(key));
    if (it == o.end()) return "";
    if (!it->is_string()) {
      Add(Join(path, key), "must be a string");
      return "";
    }
    return it->get<std::string>();
  }

  int Int(const Json& o, const std::string& path, std::string_view key, int fallback) {
    auto it = o.find(std::string(key));
    if (it == o.end()) return fallback;
    if (!it->is_number_integer() || it->get<std::int64_t>() < -1000000000 || it->get<std::int64_t>() > 1000000000) {
      Add(Join(path, key), "must be an integer");
      return fallback;
    }
    return static_cast<int>(it->get<std::int64_t>());
  }

  bool Bool(const Json& o, const std::string& path, std::string_view key, bool fallback) {
    auto it = o.find(std::string(key));
    if (it == o.end()) return fallback;
    if (!it->is_boolean()) {
      Add(Join(path, key), "must be true or false");
      return fallback;
    }
    return it->get<bool>();
  }

  const Json* Member(const Json& o, std::string_view key) {
    auto it = o.find(std::string(key));
    return it == o.end() ? nullptr : &*it;
  }

  void Add(std::string field, std::string message) { problems_.push_back({std::move(field), std::move(message)}); }

  static std::string Join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "/" + std::string(key);
  }

  Status Result() const {
    if (problems_.empty()) return Status::Ok();
    std::string message = "invalid complaint settings:";
    for (const auto& f : problems_) message += " " + f.field + " " + f.message + ";";
    message.pop_back();
    return Error::InvalidArgument(std::move(message), problems_);
  }

 private:
  std::vector<FieldError> problems_;
};

SlaTarget ReadTarget(Reader& r, const Json& j, const std::string& path, SlaTarget fallback) {
  const Json* o = r.Object(j, path, {"amount", "unit"});
  if (!o) return fallback;
  SlaTarget t = fallback;
  t.amount = r.Int(*o, path, "amount", fallback.amount);
  if (const Json* u = r.Member(*o, "unit")) {
    std::optional<SlaUnit> unit = u->is_string() ? ParseSlaUnit(u->get<std::string>()) : std::nullopt;
    if (unit)
      t.unit = *unit;
    else
      r.Add(path + "/unit", "must be \"business_days\" or \"business_hours\"");
  }
  return t;
}

SlaTargets ReadTargets(Reader& r, const Json& j, const std::string& path, SlaTargets fallback) {
  const Json* o = r.Object(j, path, {"acknowledge", "resolve"});
  if (!o) return fallback;
  SlaTargets t = fallback;
  if (const Json* a = r.Member(*o, "acknowledge"))
    t.acknowledge = ReadTarget(r, *a, path + "/acknowledge", fallback.acknowledge);
  if (const Json* v = r.Member(*o, "resolve")) t.resolve = ReadTarget(r, *v, path + "/resolve", fallback.resolve);
  return t;
}

MailTemplate ReadTemplate(Reader& r, const Json& j, const std::string& path) {
  MailTemplate t;
  const Json* o = r.Object(j, path, {"subject", "body"});
  if (!o) return t;
  t.subject = r.String(*o, path, "subject");
  t.body = r.String(*o, path, "body");
  return t;
}

void ReadCalendar(Reader& r, const Json& j, CalendarSettings& c) {
  const Json* o = r.Object(j, "calendar", {"time_zone", "week", "holidays"});
  if (!o) return;
  c.time_zone = r.String(*o, "calendar", "time_zone");
  if (const Json* week = r.Member(*o, "week")) {
    std::initializer_list<std::string_view> days = {kWeekdayNames[0], kWeekdayNames[1], kWeekdayNames[2],
                                                    kWeekdayNames[3], kWeekdayNames[4], kWeekdayNames[5],
                                                    kWeekdayNames[6]};
    if (r.Object(*week, "calendar/week", days)) {
      for (size_t d = 0; d < 7; ++d) {
        const std::string path = std::string("calendar/week/") + kWeekdayNames[d];
        const Json* day = r.Member(*week, kWeekdayNames[d]);
        if (!day) continue;
        if (day->is_null()) {
          c.week[d] = std::nullopt;
          continue;
        }
        const Json* h = r.Object(*day, path, {"open", "close"});
        if (!h) continue;
        DayHours hours;
        for (auto [key, target] : {std::pair{"open", &hours.open}, std::pair{"close", &hours.close}}) {
          if (!h->contains(key)) continue;
          const Json& v = h->at(key);
          auto m = v.is_string() ? ParseClock(v.get<std::string>()) : std::nullopt;
          if (m)
            *target = *m;
          else
            r.Add(path + "/" + key, "must be a time of day \"HH:MM\"");
        }
        c.week[d] = hours;
      }
    }
  }
  if (const Json* hol = r.Member(*o, "holidays")) {
    if (!hol->is_array()) {
      r.Add("calendar/holidays", "must be an array of dates");
    } else {
      c.holidays.clear();
      for (size_t i = 0; i < hol->size(); ++i) {
        const Json& v = (*hol)[i];
        auto d = v.is_string() ? ParseIsoDate(v.get<std::string>()) : std::nullopt;
        if (d)
          c.holidays.push_back(*d);
        else
          r.Add("calendar/holidays/" + std::to_string(i), "must be a date \"YYYY-MM-DD\"");
      }
    }
  }
}

void ReadSla(Reader& r, const Json& j, SlaPolicy& p) {
  const Json* o = r.Object(j, "sla", {"unassessed", "severity", "warn_at_percent"});
  if (!o) return;
  if (const Json* u = r.Member(*o, "unassessed")) p.unassessed = ReadTargets(r, *u, "sla/unassessed", p.unassessed);
  if (const Json* s = r.Member(*o, "severity")) {
    if (r.Object(*s, "sla/severity", {"1", "2", "3", "4"})) {
      for (int n = kMinSeverity; n <= kMaxSeverity; ++n) {
        const std::string key = std::to_string(n);
        if (const Json* t = r.Member(*s, key))
          p.by_severity[n - kMinSeverity] =
              ReadTargets(r, *t, "sla/severity/" + key, p.by_severity[n - kMinSeverity]);
      }
    }
  }
  p.warn_at_percent = r.Int(*o, "sla", "warn_at_percent", p.warn_at_percent);
}

}  // namespace

std::string FormatIsoDate(std::chrono::year_month_day date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!digit(s[i])) return std::nullopt;
  int y = std::stoi(std::string(s.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

Json ToJson(const Complaint& v) {
  Json remedies = Json::array();
  for (Remedy r : v.remedies) remedies.push_back(std::string(ToString(r)));
  const ComplaintIntakeFields& in = v.intake;
  return {{"id", v.id},
          {"reference", v.reference},
          {"state", std::string(ToString(v.state))},
          {"paused_from", NameOrNull(v.paused_from)},
          {"closure", NameOrNull(v.closure)},
          {"intake", std::string(ToString(in.intake))},
          {"channel", std::string(ToString(in.channel))},
          {"summary", in.summary},
          {"description", in.description},
          {"product", in.product},
          {"occurred_on", in.occurred_on ? Json(FormatIsoDate(*in.occurred_on)) : Json(nullptr)},
          {"remedy_wanted", in.remedy_wanted},
          {"contact_name", in.contact_name},
          {"contact_email", in.contact_email},
          {"contact_phone", in.contact_phone},
          {"consent_contact", in.consent_contact},
          {"customer_id", OrNull(in.customer_id)},
          {"segment_id", OrNull(v.segment_id)},
          {"site", in.site},
          {"category_id", OrNull(in.category_id)},
          {"external_ref", in.external_ref},
          {"source_message_id", in.source_message_id},
          {"assignee_id", OrNull(v.assignee_id)},
          {"merged_into_id", OrNull(v.merged_into_id)},
          {"severity", OrNull(v.severity)},
          {"priority", NameOrNull(v.priority)},
          {"immediate_action", v.immediate_action},
          {"immediate_action_note", v.immediate_action_note},
          {"whys", v.whys},
          {"cause_category", NameOrNull(v.cause_category)},
          {"root_cause", v.root_cause},
          {"evidence", v.evidence},
          {"decision", v.decision},
          {"remedies", std::move(remedies)},
          {"remedy_detail", v.remedy_detail},
          {"source_outcome", v.source_outcome},
          {"source_timely", OrNull(v.source_timely)},
          {"received_at", FormatTimestamp(v.received_at)},
          {"acknowledged_at", TimeOrNull(v.acknowledged_at)},
          {"responded_at", TimeOrNull(v.responded_at)},
          {"closed_at", TimeOrNull(v.closed_at)},
          {"reopen_count", v.reopen_count},
          {"ack_due_at", TimeOrNull(v.ack_due_at)},
          {"resolve_due_at", TimeOrNull(v.resolve_due_at)},
          {"created_at", FormatTimestamp(v.created_at)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json ToJson(const ComplaintMessage& v) {
  return {{"id", v.id},
          {"complaint_id", v.complaint_id},
          {"kind", std::string(ToString(v.kind))},
          {"subject", v.subject},
          {"body", v.body},
          {"author_id", OrNull(v.author_id)},
          {"author", v.author},
          {"created_at", FormatTimestamp(v.created_at)}};
}

Json ToJson(const Attachment& v) {
  return {{"id", v.id},
          {"complaint_id", v.complaint_id},
          {"message_id", OrNull(v.message_id)},
          {"filename", SanitiseFilename(v.filename)},  // also names stored before a rule was added
          {"content_type", v.content_type},
          {"size", v.size},
          {"blake2b", v.blake2b},
          {"uploaded_by", v.uploaded_by},
          {"created_at", FormatTimestamp(v.created_at)}};
}

Json ToJson(const ComplaintCategory& v) {
  return {{"id", v.id},
          {"parent_id", OrNull(v.parent_id)},
          {"name", v.name},
          {"path", v.path},
          {"active", v.active},
          {"created_at", FormatTimestamp(v.created_at)}};
}

Json ToJson(const CorrectiveAction& v) {
  return {{"id", v.id},
          {"title", v.title},
          {"description", v.description},
          {"owner_id", OrNull(v.owner_id)},
          {"due_date", v.due_date ? Json(FormatIsoDate(*v.due_date)) : Json(nullptr)},
          {"status", std::string(ToString(v.status))},
          {"complaint_ids", v.complaint_ids},
          {"created_by", v.created_by},
          {"created_at", FormatTimestamp(v.created_at)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json ToJson(const HandlingRating& v) {
  return {{"complaint_id", v.complaint_id},
          {"score", v.score},
          {"comment", v.comment},
          {"rated_at", FormatTimestamp(v.rated_at)}};
}

Json ToJson(const PeriodVolume& v) { return {{"period", v.period}, {"volume", v.volume}, {"unit", v.unit}}; }

Json ToJson(const SlaStatus& v) {
  auto time = [](TimePoint t) { return t == TimePoint::max() ? Json(nullptr) : Json(FormatTimestamp(t)); };
  return {{"due", time(v.due)},
          {"warn_at", time(v.warn_at)},
          {"budget_minutes", v.budget.count()},
          {"elapsed_minutes", v.elapsed.count()},
          {"fraction_elapsed", v.fraction_elapsed},
          {"paused", v.paused},
          {"stopped", v.stopped},
          {"warning", v.warning},
          {"breached", v.breached}};
}

Json ToJson(const ComplaintSlaView& v) {
  return {{"acknowledge", v.acknowledge ? ToJson(*v.acknowledge) : Json(nullptr)},
          {"resolve", v.resolve ? ToJson(*v.resolve) : Json(nullptr)}};
}

Json ToJson(const ComplaintSettings& v) {
  Json week = Json::object();
  for (size_t d = 0; d < 7; ++d) {
    const auto& h = v.calendar.week[d];
    week[kWeekdayNames[d]] = h ? Json{{"open", FormatClock(h->open)}, {"close", FormatClock(h->close)}} : Json(nullptr);
  }
  Json holidays = Json::array();
  for (const auto& d : v.calendar.holidays) holidays.push_back(FormatIsoDate(d));
  Json severity = Json::object();
  for (int n = kMinSeverity; n <= kMaxSeverity; ++n)
    severity[std::to_string(n)] = ToJson(v.sla.by_severity[n - kMinSeverity]);
  return {{"calendar",
           {{"time_zone", v.calendar.time_zone}, {"week", std::move(week)}, {"holidays", std::move(holidays)}}},
          {"sla",
           {{"unassessed", ToJson(v.sla.unassessed)},
            {"severity", std::move(severity)},
            {"warn_at_percent", v.sla.warn_at_percent}}},
          {"closure", {{"no_reply_days", v.closure.no_reply_days}, {"reopen_on_reply", v.closure.reopen_on_reply}}},
          {"mail_from", v.mail_from},
          {"mail_from_name", v.mail_from_name},
          {"public_base_url", v.public_base_url},
          {"templates",
           {{"acknowledgement", ToJson(v.acknowledgement)},
            {"decision", ToJson(v.decision)},
            {"closure", ToJson(v.closure_notice)}}},
          {"canned_responses", CannedResponsesJson(v.canned_responses)},
          {"updated_at", FormatTimestamp(v.updated_at)}};
}

Json CannedResponsesJson(const std::vector<CannedResponse>& responses) {
  Json out = Json::array();
  for (const CannedResponse& c : responses) out.push_back({{"name", c.name}, {"subject", c.subject}, {"body", c.body}});
  return out;
}

Result<ComplaintSettings> ComplaintSettingsFromJson(const Json& json) {
  Reader r;
  ComplaintSettings s = DefaultComplaintSettings();
  const Json* o = r.Object(json, "", {"calendar", "sla", "closure", "mail_from", "mail_from_name", "public_base_url",
                                      "templates"},
                           {"updated_at", "canned_responses"});
  if (!o)
    return Error::InvalidArgument("complaint settings must be a JSON object", {{"settings", "must be an object"}});
  if (const Json* c = r.Member(*o, "calendar")) ReadCalendar(r, *c, s.calendar);
  if (const Json* p = r.Member(*o, "sla")) ReadSla(r, *p, s.sla);
  if (const Json* c = r.Member(*o, "closure"))
    if (const Json* co = r.Object(*c, "closure", {"no_reply_days"}, {"reopen_on_reply"})) {
      s.closure.no_reply_days = r.Int(*co, "closure", "no_reply_days", s.closure.no_reply_days);
      s.closure.reopen_on_reply = r.Bool(*co, "closure", "reopen_on_reply", s.closure.reopen_on_reply);
    }
  s.mail_from = r.String(*o, "", "mail_from");
  s.mail_from_name = r.String(*o, "", "mail_from_name");
  s.public_base_url = r.String(*o, "", "public_base_url");
  while (!s.public_base_url.empty() && s.public_base_url.back() == '/') s.public_base_url.pop_back();
  if (const Json* t = r.Member(*o, "templates")) {
    if (r.Object(*t, "templates", {"acknowledgement", "decision", "closure"})) {
      if (const Json* a = r.Member(*t, "acknowledgement"))
        s.acknowledgement = ReadTemplate(r, *a, "templates/acknowledgement");
      if (const Json* d = r.Member(*t, "decision")) s.decision = ReadTemplate(r, *d, "templates/decision");
      if (const Json* c = r.Member(*t, "closure")) s.closure_notice = ReadTemplate(r, *c, "templates/closure");
    }
  }
  if (const Json* list = r.Member(*o, "canned_responses")) {
    if (!list->is_array()) {
      r.Add("canned_responses", "must be an array of {name, subject, body}");
    } else {
      for (size_t i = 0; i < list->size() && i <= kMaxCannedResponses; ++i) {
        const std::string at = "canned_responses/" + std::to_string(i);
        if (const Json* c = r.Object((*list)[i], at, {"name", "body"}, {"subject"}))
          s.canned_responses.push_back({r.String(*c, at, "name"), r.String(*c, at, "subject"), r.String(*c, at, "body")});
      }
    }
  }
  s.updated_at = TimePoint{};
  if (const Json* u = r.Member(*o, "updated_at")) {
    auto t = u->is_string() ? ParseTimestamp(u->get<std::string>()) : Result<TimePoint>(Error::InvalidArgument(""));
    if (t.ok())
      s.updated_at = *t;
    else
      r.Add("updated_at", "must be a timestamp");
  }
  if (Status st = r.Result(); !st.ok()) return st.error();
  return s;
}

}  // namespace hearken
