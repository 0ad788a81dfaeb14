// The demo organisation's complaint history: two years of complaints, ending
// now, from the Telco customers, drawn deterministically (a fixed seed; the
// only input that moves is `now`) from the catalogue of demo_categories.h.
//
// What it models, so that the analysis, the queues and the charts look like
// a real telecom company's:
// - volume: 3.5 complaints per 100 subscribers a month (about 245 a month for
//   the 7,043 Telco customers — a broad ISO 10002 count of expressed
//   dissatisfaction, well above what reaches a regulator), on a subscriber
//   base growing 0.15 % a month, with a ±3 % season and ±2 % noise: a stable
//   process, in control on the c-chart;
// - three special causes, each a month above the c-chart's upper limit: a
//   regional fibre outage (Network / Outage, 4 months ago), a billing-system
//   migration (Billing / Double charge, 9 months ago) and an installation
//   backlog after a sales promotion (Installation / Missed appointment, 16
//   months ago); the team is slower in those months;
// - complainants: only customers already with us that month (tenure), month-
//   to-month and churned customers complaining more, fibre customers more
//   about the network, electronic-check payers more about billing, new
//   customers about installation, customers without tech support more to
//   support; the product is the customer's service concerned;
// - channels (phone, e-mail, portal, a few letters) and their intakes (staff,
//   e-mail, public form); severities per kind;
// - lifecycles in business time on the organisation's calendar: phone cases
//   acknowledged at once, others within hours (a few past a business day),
//   responses in days with a share past the SLA target, closure on
//   acceptance or after 14 days without reply, a few reopened, handling
//   ratings from a share of complainants skewed by how long it took.
// Cases still open at `now` carry the stage they have reached; the seeder
// (demo_complaints.h) takes them there through the store's lifecycle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/demo_telco.h"
#include "core/business_calendar.h"
#include "store/store.h"

namespace hearken {

inline constexpr std::uint64_t kDemoHistorySeed = 0x4E575445'4C434F31;  // "NWTELCO1"
inline constexpr int kDemoHistoryMonths = 24;  // this month and the 23 before

// One demo customer as the history sees it: the stored record and its row.
struct DemoCustomer {
  Id id = 0;
  std::string name;
  std::string email;
  std::string site;
  TelcoCustomer row;
};

// A month the history plans above the c-chart's limit, and why.
struct DemoSpecialCause {
  std::string period;    // "2026-05", in the calendar's zone
  std::string category;  // "Network / Outage"
  std::string cause;     // "regional fibre outage"
  std::int64_t extra = 0;  // complaints added to the month's usual volume
};

// How far an open case of the history has got by `now`; the import files it
// received or acknowledged, the seeder takes it on from there.
enum class DemoOpenStage { kNone, kAssessed, kInvestigating, kResponded };

struct DemoHistoryComplaint {
  ImportedComplaint row;  // category_path set; closed ones with their whole handling
  int severity = 3;       // as assessed (the row carries it once closed)
  size_t kind = 0;        // index in DemoComplaintKinds()
  DemoOpenStage open_stage = DemoOpenStage::kNone;
};

struct DemoHistory {
  std::vector<std::string> periods;                // every month, oldest first
  std::vector<std::int64_t> planned_per_period;    // complaints planned per month (the current one pro rata)
  std::vector<DemoHistoryComplaint> complaints;    // received_at ascending
  std::vector<PeriodVolume> subscribers;           // one per month, unit "subscribers"
  std::vector<DemoSpecialCause> special_causes;    // oldest first
};

// The history of `customers` (none: an empty history) up to `now`, on
// `calendar` (its zone sets the months, its hours the business time) with
// the SLA targets of `sla`. The same inputs give the same history.
DemoHistory GenerateDemoHistory(const std::vector<DemoCustomer>& customers, const BusinessCalendar& calendar,
                                const SlaPolicy& sla, TimePoint now, std::uint64_t seed = kDemoHistorySeed);

}  // namespace hearken
