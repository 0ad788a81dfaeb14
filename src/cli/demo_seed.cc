#include "cli/demo_seed.h"
#include "cli/demo_surveys.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "cli/demo_complaints.h"
#include "cli/demo_parallel.h"

namespace hearken {
namespace {

std::string Slug(std::string text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

struct SegmentPlan {
  const char* contract;
  const char* name;
  const char* description;
  std::vector<Need> needs;
};

std::vector<SegmentPlan> SegmentPlans() {
  return {
      {"Month-to-month", "Month-to-month contracts",
       "Customers without a fixed term who may leave at a month's notice; the segment most at risk of churn.",
       {{"A clear monthly bill without surprises", NeedClass::kBasic, 5},
        {"Plan changes without fees or waiting", NeedClass::kPerformance, 4},
        {"An offer before they think of leaving", NeedClass::kDelighter, 3}}},
      {"One year", "One-year contracts",
       "Customers committed for a year; renewal is the moment of truth.",
       {{"Reliable service with few outages", NeedClass::kBasic, 5},
        {"Fast, competent technical support", NeedClass::kPerformance, 4},
        {"A loyalty reward at renewal", NeedClass::kDelighter, 3}}},
      {"Two year", "Two-year contracts",
       "Long-term customers; they value stability and recognition.",
       {{"The price stays fixed for the contract term", NeedClass::kBasic, 5},
        {"A named contact for account questions", NeedClass::kPerformance, 3},
        {"Early access to new services", NeedClass::kDelighter, 2}}},
  };
}

Customer ToCustomer(const TelcoCustomer& row, std::optional<Id> segment_id) {
  Customer c;
  c.kind = CustomerKind::kPerson;
  c.name = "Customer " + row.customer_id;
  c.external_ref = row.customer_id;
  c.email = Slug(row.customer_id) + "@example.net";
  c.segment_id = segment_id;
  c.site = "California";
  c.tags.push_back(row.internet_service == "No" ? "no-internet" : Slug(row.internet_service));
  c.tags.push_back(Slug(row.payment_method));
  if (row.senior_citizen) c.tags.push_back("senior");
  if (row.churned) c.tags.push_back("churned");
  c.consent_survey = row.paperless_billing;
  return c;
}

Result<Requirement> AddRequirement(Store& store, const WriteContext& ctx, RequirementScope scope,
                                   std::optional<Id> customer_id, std::optional<Id> segment_id,
                                   RequirementKind kind, std::string text, std::string source) {
  Requirement r;
  r.scope = scope;
  r.customer_id = customer_id;
  r.segment_id = segment_id;
  r.kind = kind;
  r.text = std::move(text);
  r.source_ref = std::move(source);
  return store.requirements().CreateRequirement(ctx, r);
}

}  // namespace

Result<DemoSeedSummary> SeedDemo(Store& store, const Clock& clock, const DemoSeedOptions& options) {
  DemoSeedSummary summary;
  auto existing = store.customers().ListCustomers({}, {.limit = 1});
  if (!existing.ok()) return existing.error();
  if (existing->total > 0) {
    summary.already_seeded = true;
    return summary;
  }
  std::ifstream file(options.churn_csv_path, std::ios::binary);
  if (!file) return Error::NotFound("cannot read the demo data " + options.churn_csv_path);
  std::stringstream content;
  content << file.rdbuf();
  auto rows = ParseTelcoChurnCsv(content.str());
  if (!rows.ok()) return rows.error();

  const WriteContext ctx = CliWriteContext("demo seed");
  auto settings = store.organisation().GetSettings();
  if (!settings.ok()) return settings.error();
  settings->name = "Northwind Telecom (demo)";
  settings->time_zone = "America/Los_Angeles";
  if (auto s = store.organisation().UpdateSettings(ctx, *settings); !s.ok()) return s.error();

  std::map<std::string, Id> segment_by_contract;
  for (const auto& plan : SegmentPlans()) {
    Segment segment;
    segment.name = plan.name;
    segment.description = plan.description;
    segment.needs = plan.needs;
    auto created = store.customers().CreateSegment(ctx, segment);
    if (!created.ok()) return created.error();
    segment_by_contract[plan.contract] = created->id;
    ++summary.segments;
  }

  // The customers, written concurrently so that the store commits them in
  // groups (demo_parallel.h); ids follow the commit order, the vectors keep
  // the file's.
  size_t count = rows->size();
  if (options.max_customers > 0) count = std::min(count, static_cast<size_t>(options.max_customers));
  std::vector<Customer> customers(count);
  Status created = ForEachConcurrently(count, [&](size_t i) -> Status {
    const TelcoCustomer& row = (*rows)[i];
    auto segment = segment_by_contract.find(row.contract);
    std::optional<Id> segment_id;
    if (segment != segment_by_contract.end()) segment_id = segment->second;
    auto customer = store.customers().CreateCustomer(ctx, ToCustomer(row, segment_id));
    if (!customer.ok()) return customer.error();
    customers[i] = std::move(*customer);
    return Status::Ok();
  });
  if (!created.ok()) return created.error();
  std::vector<DemoCustomer> complainants;
  for (size_t i = 0; i < count; ++i)
    complainants.push_back({customers[i].id, customers[i].name, customers[i].email, customers[i].site, (*rows)[i]});
  summary.customers = static_cast<std::int64_t>(count);

  // The register: what applies to everyone, to a segment, and to one customer.
  struct Plan {
    RequirementScope scope;
    std::optional<Id> customer_id;
    std::optional<Id> segment_id;
    RequirementKind kind;
    const char* text;
    const char* source;
    std::optional<ReviewOutcome> review;
  };
  std::optional<Id> first_customer;
  if (!customers.empty()) first_customer = customers.front().id;
  std::vector<Plan> plans = {
      {RequirementScope::kAll, {}, {}, RequirementKind::kStatutory,
       "Personal data of customers is collected for stated purposes only and deleted on request.",
       "California Consumer Privacy Act (CCPA), Cal. Civ. Code 1798.100", ReviewOutcome::kAccepted},
      {RequirementScope::kAll, {}, {}, RequirementKind::kRegulatory,
       "Emergency calls (911) are connected free of charge on every voice plan.", "FCC, 47 CFR Part 9",
       ReviewOutcome::kAccepted},
      {RequirementScope::kAll, {}, {}, RequirementKind::kOrganisation,
       "Every complaint is acknowledged within one business day.", "Quality manual QM-8.2, section 4",
       std::nullopt},
      {RequirementScope::kAll, {}, {}, RequirementKind::kImplied,
       "Planned outages are announced to affected customers at least 48 hours ahead.",
       "Implied: needed for the intended use of the service", std::nullopt},
      {RequirementScope::kSegment, {}, segment_by_contract["Two year"], RequirementKind::kCustomerStated,
       "The monthly price stays fixed for the whole contract term.", "Contract terms T2-2024, clause 3",
       ReviewOutcome::kAccepted},
      {RequirementScope::kSegment, {}, segment_by_contract["Month-to-month"], RequirementKind::kCustomerStated,
       "Plan changes take effect from the next billing cycle without a fee.", "Tariff sheet MTM-2025",
       std::nullopt},
  };
  if (first_customer)
    plans.push_back({RequirementScope::kCustomer, first_customer, {}, RequirementKind::kCustomerStated,
                     "Invoices are sent on paper to the billing address.", "Phone call with the customer",
                     ReviewOutcome::kAmended});
  for (const auto& plan : plans) {
    auto created = AddRequirement(store, ctx, plan.scope, plan.customer_id, plan.segment_id, plan.kind, plan.text,
                                  plan.source);
    if (!created.ok()) return created.error();
    ++summary.requirements;
    if (!plan.review) continue;
    std::optional<Amendment> amendment;
    std::string notes = "Reviewed against the current offer: can be met.";
    if (*plan.review == ReviewOutcome::kAmended) {
      amendment = Amendment{"Invoices are sent on paper to the billing address, and a PDF copy by e-mail.", {}, {}};
      notes = "Customer asked for an e-mail copy as well; agreed by phone.";
    }
    auto reviewed = store.requirements().ReviewRequirement(ctx, created->id, *plan.review, notes, amendment);
    if (!reviewed.ok()) return reviewed.error();
  }

  // A few conversations, spread over the last weeks.
  const char* subjects[] = {"Question about the last bill", "Asked to change the plan", "Reported slow internet",
                            "Thanked the technician", "Asked about contract renewal"};
  const Channel channels[] = {Channel::kPhone, Channel::kEmail, Channel::kPortal, Channel::kPhone, Channel::kMeeting};
  for (size_t i = 0; i < customers.size() && i < 25; ++i) {
    Communication c;
    c.customer_id = customers[i].id;
    c.channel = channels[i % 5];
    c.direction = i % 3 == 2 ? Direction::kOutbound : Direction::kInbound;
    c.subject = subjects[i % 5];
    c.body = "Recorded for the demo. The customer's concern was noted and answered.";
    c.occurred_at = clock.Now() - std::chrono::hours(24 * static_cast<int>(1 + i * 2));
    auto created = store.communications().CreateCommunication(ctx, c);
    if (!created.ok()) return created.error();
    ++summary.communications;
  }
  if (options.complaints == DemoComplaints::kHistory) {
    auto complaints = SeedDemoComplaints(store, clock, complainants);
    if (!complaints.ok()) return complaints.error();
    summary.complaints = complaints->history + complaints->live;
    summary.special_causes = complaints->special_causes;
  }
  auto surveyed = SeedDemoSurvey(store, clock, complainants, summary.special_causes);
  if (!surveyed.ok()) return surveyed.error();
  summary.survey_answers = surveyed->answers;
  return summary;
}

}  // namespace hearken
