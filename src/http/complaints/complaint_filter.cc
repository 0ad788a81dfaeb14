#include "http/complaints/complaint_filter.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/business_calendar.h"
#include "core/complaint.h"
#include "core/enum_names.h"
#include "core/time_format.h"
#include "http/handler_util.h"

namespace hearken::http {
namespace {

// Every value of query parameter `name` in the raw target, in order (the
// decoded query map keeps only the last one).
std::vector<std::string> AllValues(const HttpRequest& request, std::string_view name) {
  std::vector<std::string> values;
  std::string_view target = request.target;
  size_t q = target.find('?');
  if (q == std::string_view::npos) return values;
  std::string_view rest = target.substr(q + 1);
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    size_t eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) {
      values.emplace_back();
      continue;
    }
    auto value = PercentDecode(pair.substr(eq + 1), true);
    values.push_back(value ? *value : std::string(pair.substr(eq + 1)));
  }
  // A request built without a target (unit tests) still has its map.
  if (values.empty()) {
    if (auto it = request.query.find(std::string(name)); it != request.query.end()) values.push_back(it->second);
  }
  return values;
}

template <typename E>
std::string OneOf() {
  std::string message = "must be one of";
  auto names = EnumNames<E>();
  for (size_t i = 0; i < names.size(); ++i) message += (i ? ", " : " ") + std::string(names[i]);
  return message;
}

bool IsDateOnly(std::string_view text) { return text.size() == 10 && text[4] == '-' && text[7] == '-'; }

// A bound of received_at; a date-only one is a day of `calendar`'s zone
// (UTC without one), and `end_of_day` takes the end of that day.
std::optional<TimePoint> ReadTime(const HttpRequest& request, const std::string& name, bool end_of_day,
                                  const BusinessCalendar* calendar, std::vector<FieldError>* errors) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::nullopt;
  auto parsed = ParseTimestamp(it->second);
  if (!parsed.ok()) {
    errors->push_back({name, "must be a date (YYYY-MM-DD) or an RFC 3339 time"});
    return std::nullopt;
  }
  TimePoint t = *parsed;
  if (!IsDateOnly(it->second)) return t;
  std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(t)};
  if (end_of_day) day = std::chrono::year_month_day{std::chrono::sys_days(day) + std::chrono::days(1)};
  return calendar ? calendar->StartOfLocalDay(day) : TimePoint(std::chrono::sys_days(day));
}

}  // namespace

const std::vector<std::string>& ComplaintFilterParams() {
  static const std::vector<std::string> kParams = {"queue",   "state", "category_id", "severity", "segment_id",
                                                   "site",    "channel", "intake",    "customer_id", "from",
                                                   "to",      "q"};
  return kParams;
}

Result<ComplaintFilter> ParseComplaintFilter(const HttpRequest& request, std::optional<Id> current_user,
                                             const BusinessCalendar* calendar) {
  ComplaintFilter filter;
  std::vector<FieldError> errors;
  QueryReader q(request);

  if (const std::string* queue = q.Raw("queue"); queue && !queue->empty()) {
    if (*queue == "mine") {
      if (current_user) filter.assignee_id = current_user;
      else errors.push_back({"queue", "mine needs a signed-in user"});
    } else if (*queue == "unassigned") {
      filter.unassigned = true;
      filter.open_only = true;
    } else if (*queue == "overdue") {
      filter.overdue = true;
    } else if (*queue == "open") {
      filter.open_only = true;
    } else if (*queue != "all") {
      errors.push_back({"queue", "must be one of mine, unassigned, overdue, open, all"});
    }
  }

  for (const std::string& value : AllValues(request, "state")) {
    std::string_view rest = value;
    while (true) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) {
        if (auto state = ParseComplaintState(item)) {
          if (std::find(filter.states.begin(), filter.states.end(), *state) == filter.states.end())
            filter.states.push_back(*state);
        } else {
          errors.push_back({"state", OneOf<ComplaintState>()});
          break;
        }
      }
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }

  filter.category_id = q.OptionalId("category_id");
  filter.segment_id = q.OptionalId("segment_id");
  filter.customer_id = q.OptionalId("customer_id");
  if (const std::string* severity = q.Raw("severity"); severity && !severity->empty()) {
    int value = 0;
    auto [ptr, ec] = std::from_chars(severity->data(), severity->data() + severity->size(), value);
    if (ec != std::errc() || ptr != severity->data() + severity->size() || value < kMinSeverity ||
        value > kMaxSeverity) {
      errors.push_back({"severity", "must be an integer from 1 to 4"});
    } else {
      filter.severity = value;
    }
  }
  filter.site = q.Text("site");
  filter.channel = q.OptionalEnum("channel", &ParseChannel);
  filter.intake = q.OptionalEnum("intake", &ParseComplaintIntake);
  filter.search = q.Text("q");
  filter.received_from = ReadTime(request, "from", false, calendar, &errors);
  filter.received_to = ReadTime(request, "to", true, calendar, &errors);
  if (filter.received_from && filter.received_to && *filter.received_from >= *filter.received_to)
    errors.push_back({"to", "must be after from"});

  // QueryReader's problems first, in parameter order, then ours.
  if (Status st = q.Finish(); !st.ok()) {
    std::vector<FieldError> all = st.error().fields;
    all.insert(all.end(), errors.begin(), errors.end());
    errors = std::move(all);
  }
  if (Status problems = FieldsError(std::move(errors)); !problems.ok()) return problems.error();
  return filter;
}

Result<BusinessCalendar> OrganisationCalendar(Store& store) {
  auto settings = store.complaint_admin().GetComplaintSettings();  // cached
  if (!settings.ok()) return settings.error();
  return BusinessCalendar::CreateCached(settings->calendar);
}

Status CheckOccurredOnNotInFuture(const ComplaintIntakeFields& fields, const BusinessCalendar& calendar,
                                  TimePoint now, const std::string& field) {
  if (fields.occurred_on && *fields.occurred_on > calendar.LocalDate(now))
    return Error::InvalidField(field, "must not be in the future");
  return Status::Ok();
}

Result<ComplaintFilter> ParseComplaintFilter(const HttpRequest& request, std::optional<Id> current_user,
                                             Store& store) {
  auto calendar = OrganisationCalendar(store);
  if (!calendar.ok()) return calendar.error();
  return ParseComplaintFilter(request, current_user, &*calendar);
}

}  // namespace hearken::http
