// The demo complaint history (see demo_history.h): month plans, complainants
// weighed by who they are, and each complaint's handling in business time.
#include "cli/demo_history.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <numeric>
#include <random>

#include "cli/demo_categories.h"

namespace hearken {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr double kComplaintsPerSubscriberMonth = 0.035;
constexpr double kSubscriberGrowthPerMonth = 0.0015;
constexpr double kSeasonAmplitude = 0.03;  // at most, either way
constexpr double kNoiseAmplitude = 0.02;   // at most, either way
constexpr double kSpecialCauseLoad = 1.5;  // handling takes this much longer in a special-cause month
constexpr int kNoReplyClosureDays = 14;    // the demo's settings (DefaultComplaintSettings)

// A special cause: `months_ago`, the kind it swells, by how much of a usual
// month, on which days of the month, and whom it hits.
enum class CauseAudience { kUsual, kFibreOnly, kAutomaticPayers };
struct CausePlan {
  int months_ago;
  const char* area;
  const char* kind;
  const char* cause;
  double extra_share;
  unsigned first_day, last_day;  // of the month; clamped to its length
  CauseAudience audience;
};
constexpr CausePlan kCausePlans[] = {
    {16, "Installation", "Missed appointment", "installation backlog after a fibre sales promotion", 0.40, 1, 31,
     CauseAudience::kUsual},
    {9, "Billing", "Double charge", "billing-system migration: the first two bill runs charged some customers twice",
     0.50, 3, 12, CauseAudience::kAutomaticPayers},
    {4, "Network", "Outage", "regional fibre outage after a fire at an exchange", 0.60, 10, 13,
     CauseAudience::kFibreOnly},
};

// A small deterministic random source: the engine is fully specified by the
// standard; the draws below are our own, so the history is the same with
// every standard library.
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : engine_(seed) {}
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double Between(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  bool Chance(double p) { return Uniform() < p; }
  double Normal() {  // Box–Muller
    const double u1 = 1.0 - Uniform(), u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  template <typename T>
  const T& OneOf(const std::vector<T>& items) {
    return items[std::min(items.size() - 1, static_cast<size_t>(Uniform() * items.size()))];
  }
  // An index drawn with probability proportional to weights[i].
  size_t Pick(const std::vector<double>& weights) {
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    double r = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

bool HasInternet(const TelcoCustomer& c) { return c.internet_service != "No"; }
bool IsFibre(const TelcoCustomer& c) { return c.internet_service == "Fiber optic"; }
bool PaysAutomatically(const TelcoCustomer& c) { return c.payment_method.find("automatic") != std::string::npos; }

std::string InternetProduct(const TelcoCustomer& c) {
  return IsFibre(c) ? "Fiber optic internet" : "DSL internet";
}

std::string ProductOf(DemoProduct product, const TelcoCustomer& c) {
  const std::string main = HasInternet(c) ? InternetProduct(c) : "Phone";
  switch (product) {
    case DemoProduct::kInternet: return main;
    case DemoProduct::kPhone: return c.phone_service || !HasInternet(c) ? "Phone" : InternetProduct(c);
    case DemoProduct::kTv: return c.streaming_tv ? "Streaming TV" : main;
    case DemoProduct::kMainService: return main;
  }
  return main;
}

// How likely `c` is, relative to others, to raise a complaint of `kind`.
double Weight(const DemoComplaintKind& kind, const TelcoCustomer& c) {
  double w = 1;
  if (kind.audience == DemoAudience::kTermContracts) {
    if (c.contract == "Month-to-month") return 0;
  } else if (c.contract == "Month-to-month") {
    w *= 1.6;
  } else if (c.contract == "Two year") {
    w *= 0.6;
  }
  if (c.churned) w *= kind.audience == DemoAudience::kLeavers ? 8.0 : 2.0;
  if (c.senior_citizen) w *= 1.15;
  const std::string area = kind.area;
  if (area == "Billing") {
    if (c.payment_method == "Electronic check") w *= 1.5;
    if (c.paperless_billing) w *= 1.15;
  } else if (area == "Network") {
    w *= IsFibre(c) ? 1.8 : HasInternet(c) ? 1.0 : 0.3;
  } else if (area == "Support") {
    if (!c.tech_support) w *= 1.4;
  }
  if (kind.audience == DemoAudience::kInternetUsers && !HasInternet(c)) return 0;
  if (kind.audience == DemoAudience::kPhoneUsers && !c.phone_service) return 0;
  return w;
}

// Cumulative weights over the customers in tenure order, to draw from the
// first n (those already customers in a month) or from a range.
class WeightedPool {
 public:
  template <typename WeightOf>
  WeightedPool(const std::vector<const DemoCustomer*>& by_tenure, WeightOf weight_of) {
    cumulative_.reserve(by_tenure.size());
    double sum = 0;
    for (const DemoCustomer* c : by_tenure) cumulative_.push_back(sum += weight_of(c->row));
  }
  // An index in [lo, hi) drawn by weight; nullopt when they weigh nothing.
  std::optional<size_t> Draw(DemoRandom& random, size_t lo, size_t hi) const {
    if (hi > cumulative_.size()) hi = cumulative_.size();
    if (lo >= hi) return std::nullopt;
    const double base = lo == 0 ? 0 : cumulative_[lo - 1];
    const double total = cumulative_[hi - 1] - base;
    if (total <= 0) return std::nullopt;
    const double r = base + random.Uniform() * total;
    size_t i = std::upper_bound(cumulative_.begin() + lo, cumulative_.begin() + hi, r) - cumulative_.begin();
    return std::min(i, hi - 1);
  }

 private:
  std::vector<double> cumulative_;
};

std::string PeriodName(std::chrono::year_month ym) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
  return text;
}

// The season of a calendar month: winter storms and holiday bills, summer
// heat on street cabinets, a quiet spring.
double Season(std::chrono::month m) {
  static const double kShape[12] = {1, 0, -0.6, -1, -0.6, 0, 0.6, 1, 0.3, 0, 0.3, 1};
  return 1 + kSeasonAmplitude * kShape[static_cast<unsigned>(m) - 1];
}

// A received time in days [first_day, last_day] of `ym`, weighted towards
// weekdays and waking hours, never after `latest`.
TimePoint DrawReceived(DemoRandom& random, const BusinessCalendar& calendar, std::chrono::year_month ym,
                       unsigned first_day, unsigned last_day, TimePoint latest) {
  static const std::vector<double> kHourWeights = {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.2, 3.0, 3.2, 3.0,
                                                   2.8, 2.8, 2.8, 2.6, 2.5, 2.4, 2.3, 2.2, 1.8, 1.3, 0.8, 0.4};
  const unsigned month_days = static_cast<unsigned>((ym / std::chrono::last).day());
  last_day = std::min(last_day, month_days);
  first_day = std::min(first_day, last_day);
  std::vector<double> day_weights;
  for (unsigned d = first_day; d <= last_day; ++d) {
    const std::chrono::weekday wd{std::chrono::sys_days{ym / std::chrono::day{d}}};
    day_weights.push_back(wd == std::chrono::Saturday ? 0.65 : wd == std::chrono::Sunday ? 0.45 : 1.0);
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    const unsigned day = first_day + static_cast<unsigned>(random.Pick(day_weights));
    const int minute = static_cast<int>(random.Pick(kHourWeights)) * 60 + static_cast<int>(random.Uniform() * 60);
    const TimePoint t = calendar.StartOfLocalDay(ym / std::chrono::day{day}) + minutes(minute);
    if (t < latest) return t;
  }
  return latest - minutes(5);
}

bool WithinTarget(const BusinessCalendar& calendar, const SlaTarget& target, TimePoint start, TimePoint milestone) {
  if (target.unit == SlaUnit::kBusinessDays) return calendar.AddBusinessDays(start, target.amount) >= milestone;
  return calendar.BusinessDuration(start, milestone) <= hours(target.amount);
}

const char* RemedyWanted(const std::string& area) {
  if (area == "Billing") return "Correct the bill and refund what was charged wrongly.";
  if (area == "Network") return "A working service, and a credit for the time without it.";
  if (area == "Installation") return "A firm appointment and compensation for the lost day.";
  if (area == "Contract") return "The terms I agreed to, nothing else.";
  return "A proper answer, and someone who takes responsibility.";
}

constexpr const char* kNotUpheldDecision =
    "We have looked into your complaint carefully. What happened was in line with your contract and our published "
    "terms; we have explained why, and what to do to avoid it in future.";

// Everything one complaint needs besides its handling.
struct Draft {
  const DemoCustomer* customer;
  size_t kind;
  TimePoint received_at;
  bool special_cause_month;  // the team is swamped: slower handling, lower ratings
};

class HistoryWriter {
 public:
  HistoryWriter(const BusinessCalendar& calendar, const SlaPolicy& sla, TimePoint now, DemoRandom& random)
      : calendar_(calendar), sla_(sla), now_(now), random_(random) {}

  DemoHistoryComplaint Write(const Draft& d) {
    const DemoComplaintKind& kind = DemoComplaintKinds()[d.kind];
    const TelcoCustomer& customer = d.customer->row;
    DemoHistoryComplaint out;
    out.kind = d.kind;
    ImportedComplaint& row = out.row;
    ComplaintIntakeFields& f = row.fields;
    const bool outage = std::string(kind.name) == "Outage";
    const size_t channel = random_.Pick(outage ? std::vector<double>{0.60, 0.10, 0.30, 0.0}
                                               : std::vector<double>{0.42, 0.22, 0.34, 0.02});
    static const Channel kChannels[] = {Channel::kPhone, Channel::kEmail, Channel::kPortal, Channel::kLetter};
    static const ComplaintIntake kIntakes[] = {ComplaintIntake::kStaff, ComplaintIntake::kEmail,
                                               ComplaintIntake::kPublicForm, ComplaintIntake::kStaff};
    f.channel = kChannels[channel];
    f.intake = kIntakes[channel];
    f.summary = random_.OneOf(kind.summaries);
    f.description = random_.OneOf(kind.descriptions);
    f.product = ProductOf(kind.product, customer);
    f.remedy_wanted = RemedyWanted(kind.area);
    f.contact_name = d.customer->name;
    f.contact_email = d.customer->email;
    f.consent_contact = !f.contact_email.empty();
    f.customer_id = d.customer->id;
    f.site = d.customer->site;
    f.received_at = d.received_at;
    row.category_path = {kind.area, kind.name};
    out.severity = 1 + static_cast<int>(random_.Pick(std::vector<double>(kind.severity.begin(), kind.severity.end())));
    const double load = d.special_cause_month ? kSpecialCauseLoad : 1.0;

    // Acknowledgement: staff taking a call or a letter acknowledge at intake.
    const TimePoint received = d.received_at;
    TimePoint acknowledged =
        f.intake == ComplaintIntake::kStaff
            ? received + minutes(1 + static_cast<int>(random_.Uniform() * 15))
            : calendar_.AddBusinessTime(received, minutes(static_cast<int>(random_.LogNormal(150 * load, 0.8))));
    // The response, in business days by severity (severity 1 and 2 get
    // their own, faster, handling).
    const double median_days = out.severity == 1   ? 0.6
                               : out.severity == 2 ? 2.0
                                                   : kind.median_days_to_respond;
    TimePoint responded = calendar_.AddBusinessTime(
        received, minutes(static_cast<int>(random_.LogNormal(median_days * load * 8 * 60, 0.6))));
    responded = std::max(responded, acknowledged + minutes(30));
    const bool upheld = !random_.Chance(0.18);
    const bool accepted = random_.Chance(0.75);
    TimePoint closed = accepted ? calendar_.AddBusinessTime(
                                      responded, minutes(static_cast<int>(random_.LogNormal(6 * 60, 0.8))))
                                : responded + days(kNoReplyClosureDays) + minutes(30 + static_cast<int>(
                                                                                          random_.Uniform() * 480));
    const bool breached = !WithinTarget(calendar_, sla_.For(out.severity).resolve, received, responded);
    // A few closed cases come back; the latest response and closure count.
    int reopened = 0;
    if (random_.Chance(0.03 + (breached ? 0.06 : 0) + (upheld ? 0 : 0.05))) {
      const TimePoint reopen = closed + minutes(static_cast<int>(random_.LogNormal(2 * 24 * 60, 0.7)));
      const TimePoint again = calendar_.AddBusinessTime(
          reopen, minutes(static_cast<int>(random_.LogNormal(2 * 8 * 60, 0.6))));
      const TimePoint closed_again =
          calendar_.AddBusinessTime(again, minutes(static_cast<int>(random_.LogNormal(6 * 60, 0.8))));
      if (closed_again < now_) {
        reopened = 1;
        responded = again;
        closed = closed_again;
      }
    }

    if (acknowledged >= now_) return out;  // filed received
    row.sent_at = acknowledged;
    if (responded >= now_ || closed >= now_) {  // open: the seeder takes it on
      const auto elapsed = calendar_.BusinessDuration(received, now_);
      if (responded < now_) out.open_stage = DemoOpenStage::kResponded;
      else if (elapsed >= hours(12) && random_.Chance(0.7)) out.open_stage = DemoOpenStage::kInvestigating;
      else if (elapsed >= hours(3)) out.open_stage = DemoOpenStage::kAssessed;
      return out;
    }
    row.severity = out.severity;
    row.responded_at = responded;
    row.closed_at = closed;
    row.closure = accepted ? ClosureKind::kAccepted : ClosureKind::kNoReply;
    row.reopen_count = reopened;
    ComplaintResponse response;
    if (upheld) {
      response.decision = kind.decision;
      response.remedies = kind.remedies;
      response.remedy_detail = kind.remedy_detail;
    } else {
      response.decision = kNotUpheldDecision;
      response.remedies = {Remedy::kExplanation};
    }
    row.response = response;
    // Handling ratings: a share of complainants rate, fewer when they never replied.
    if (random_.Chance(accepted ? 0.40 : 0.12)) {
      const double business_days =
          std::chrono::duration<double, std::ratio<3600>>(calendar_.BusinessDuration(received, responded)).count() / 8;
      const bool slow = business_days > 1.5 * median_days;
      double score = 4.4 - 1.7 * breached - 0.6 * slow - 1.3 * reopened - 0.8 * !upheld -
                     0.4 * d.special_cause_month + 0.75 * random_.Normal();
      const int stars = static_cast<int>(std::clamp(std::lround(score), 1L, 5L));
      const TimePoint rated_at = closed + minutes(10 + static_cast<int>(random_.Uniform() * 72 * 60));
      if (rated_at < now_)
        row.rating = ImportedRating{stars, DemoRatingComment(stars, static_cast<size_t>(random_.Uniform() * 3)),
                                    rated_at};
    }
    return out;
  }

 private:
  const BusinessCalendar& calendar_;
  const SlaPolicy& sla_;
  TimePoint now_;
  DemoRandom& random_;
};

}  // namespace

DemoHistory GenerateDemoHistory(const std::vector<DemoCustomer>& customers, const BusinessCalendar& calendar,
                                const SlaPolicy& sla, TimePoint now, std::uint64_t seed) {
  DemoHistory history;
  if (customers.empty()) return history;
  DemoRandom random(seed);
  const auto& kinds = DemoComplaintKinds();

  // Customers by tenure, longest first: those already with us m months ago
  // are the first ones of this order with tenure >= m.
  std::vector<const DemoCustomer*> by_tenure;
  for (const auto& c : customers) by_tenure.push_back(&c);
  std::stable_sort(by_tenure.begin(), by_tenure.end(), [](const DemoCustomer* a, const DemoCustomer* b) {
    return a->row.tenure_months > b->row.tenure_months;
  });
  auto first_with_tenure_below = [&](int months) {
    return static_cast<size_t>(
        std::partition_point(by_tenure.begin(), by_tenure.end(),
                             [&](const DemoCustomer* c) { return c->row.tenure_months >= months; }) -
        by_tenure.begin());
  };
  std::vector<WeightedPool> pools;
  for (const auto& kind : kinds)
    pools.emplace_back(by_tenure, [&](const TelcoCustomer& c) { return Weight(kind, c); });
  const WeightedPool anyone(by_tenure, [](const TelcoCustomer&) { return 1.0; });
  auto cause_pool = [&](const CausePlan& plan) {
    const DemoComplaintKind& kind = kinds[DemoKindIndex(plan.area, plan.kind)];
    return WeightedPool(by_tenure, [&](const TelcoCustomer& c) {
      double w = Weight(kind, c);
      if (plan.audience == CauseAudience::kFibreOnly && !IsFibre(c)) w = 0;
      if (plan.audience == CauseAudience::kAutomaticPayers && PaysAutomatically(c)) w *= 3;
      return w;
    });
  };

  // The customer for one complaint of kind `k` in month `months_ago`.
  auto draw_customer = [&](const WeightedPool& pool, size_t k, int months_ago) -> const DemoCustomer* {
    const size_t eligible = std::max<size_t>(1, first_with_tenure_below(months_ago));
    std::optional<size_t> i;
    if (kinds[k].audience == DemoAudience::kNewCustomers && random.Chance(0.6))
      i = pool.Draw(random, first_with_tenure_below(months_ago + 2), first_with_tenure_below(months_ago));
    if (!i) i = pool.Draw(random, 0, eligible);
    if (!i) i = anyone.Draw(random, 0, eligible);
    return by_tenure[i.value_or(0)];
  };

  const auto today = calendar.LocalDate(now);
  const std::chrono::year_month this_month{today.year(), today.month()};
  std::vector<Draft> drafts;
  std::vector<double> shares;
  for (const auto& kind : kinds) shares.push_back(kind.share);
  const double n = static_cast<double>(customers.size());
  for (int months_ago = kDemoHistoryMonths - 1; months_ago >= 0; --months_ago) {
    const std::chrono::year_month ym = this_month - std::chrono::months{months_ago};
    const TimePoint start = calendar.StartOfLocalDay(ym / 1);
    const TimePoint next = calendar.StartOfLocalDay((ym + std::chrono::months{1}) / 1);
    const double elapsed = months_ago == 0 ? std::chrono::duration<double>(now - start) /
                                                 std::chrono::duration<double>(next - start)
                                           : 1.0;
    const double subscribers = std::round(n * (1 - kSubscriberGrowthPerMonth * months_ago));
    const double usual = subscribers * kComplaintsPerSubscriberMonth;
    const double noise = random.Between(-kNoiseAmplitude, kNoiseAmplitude);
    const auto planned = static_cast<std::int64_t>(std::llround(usual * Season(ym.month()) * (1 + noise) * elapsed));
    const CausePlan* cause = nullptr;
    for (const auto& plan : kCausePlans)
      if (plan.months_ago == months_ago) cause = &plan;

    history.periods.push_back(PeriodName(ym));
    history.subscribers.push_back({PeriodName(ym), subscribers, "subscribers"});
    for (std::int64_t i = 0; i < planned; ++i) {
      const size_t k = random.Pick(shares);
      drafts.push_back({draw_customer(pools[k], k, months_ago), k, DrawReceived(random, calendar, ym, 1, 31, now),
                        cause != nullptr});
    }
    std::int64_t extra = 0;
    if (cause) {
      const size_t k = DemoKindIndex(cause->area, cause->kind);
      const WeightedPool pool = cause_pool(*cause);
      extra = std::llround(usual * cause->extra_share);
      for (std::int64_t i = 0; i < extra; ++i)
        drafts.push_back({draw_customer(pool, k, months_ago), k,
                          DrawReceived(random, calendar, ym, cause->first_day, cause->last_day, now), true});
      history.special_causes.push_back(
          {PeriodName(ym), std::string(cause->area) + " / " + cause->kind, cause->cause, extra});
    }
    history.planned_per_period.push_back(planned + extra);
  }

  std::stable_sort(drafts.begin(), drafts.end(),
                   [](const Draft& a, const Draft& b) { return a.received_at < b.received_at; });
  HistoryWriter writer(calendar, sla, now, random);
  history.complaints.reserve(drafts.size());
  int number = 100000;
  for (const Draft& d : drafts) {
    history.complaints.push_back(writer.Write(d));
    history.complaints.back().row.fields.external_ref = "CRM-" + std::to_string(++number);
  }
  return history;
}

}  // namespace hearken
