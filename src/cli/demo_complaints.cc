// Demo complaints (see demo_complaints.h): the category tree, the history's
// import and its open cases, subscribers per month, the live cases.
#include "cli/demo_complaints.h"

#include <map>
#include <optional>

#include "cli/commands.h"
#include "cli/demo_categories.h"
#include "cli/demo_parallel.h"
#include "core/crypto.h"

namespace hearken {
namespace {

using std::chrono::hours;

constexpr size_t kImportBatch = 500;  // complaints per transaction, as the CFPB import does

struct LiveCase {
  const char* summary;
  const char* description;
  const char* area;
  const char* kind;
  Channel channel;
  ComplaintIntake intake;
  int hours_ago;
  const char* stage;  // "received", "acknowledged", "assessed", "investigating", "waiting", "responded", "closed"
};

std::vector<LiveCase> LiveCases() {
  return {
      {"Charged twice for October", "My October bill shows the monthly fee twice. I want the second charge refunded.",
       "Billing", "Double charge", Channel::kPortal, ComplaintIntake::kPublicForm, 3, "received"},
      {"Internet drops every evening",
       "Since the router swap the connection drops between 7 and 10 pm almost daily. Work calls keep failing.",
       "Network", "Intermittent connection", Channel::kPhone, ComplaintIntake::kStaff, 20, "acknowledged"},
      {"Technician did not come", "I took a day off for the installation appointment and nobody came or called.",
       "Installation", "Missed appointment", Channel::kEmail, ComplaintIntake::kEmail, 30, "assessed"},
      {"Contract renewed without asking",
       "My one-year contract renewed automatically at a higher price; I was never told.", "Contract",
       "Unrequested renewal", Channel::kLetter, ComplaintIntake::kStaff, 50, "investigating"},
      {"Streaming package missing channels", "Half of the sports channels I pay for are not available.", "Contract",
       "Service not as described", Channel::kPortal, ComplaintIntake::kPublicForm, 70, "waiting"},
      {"Rude answer on the hotline", "The agent hung up on me when I asked for a supervisor.", "Support",
       "Rude or unhelpful agent", Channel::kPhone, ComplaintIntake::kStaff, 90, "responded"},
      {"Late fee although I paid on time", "I paid on the 2nd, the bill was due on the 5th, still a late fee.",
       "Billing", "Late fee", Channel::kPortal, ComplaintIntake::kPublicForm, 120, "closed"},
  };
}

std::string PathOf(const std::string& area, const std::string& kind) { return area + " / " + kind; }

// Creates the category tree of demo_categories.h: the id of every
// "Area / Kind" path. Errors: any Store error.
Result<std::map<std::string, Id>> CreateCategoryTree(Store& store, const WriteContext& ctx) {
  std::map<std::string, Id> ids;
  for (const auto& area : DemoAreas()) {
    ComplaintCategory top;
    top.name = area.name;
    auto created = store.complaint_admin().CreateCategory(ctx, top);
    if (!created.ok()) return created.error();
    ids[area.name] = created->id;
  }
  for (const auto& kind : DemoComplaintKinds()) {
    ComplaintCategory child;
    child.parent_id = ids.at(kind.area);
    child.name = kind.name;
    auto created = store.complaint_admin().CreateCategory(ctx, child);
    if (!created.ok()) return created.error();
    ids[PathOf(kind.area, kind.name)] = created->id;
  }
  return ids;
}

Priority PriorityFor(int severity) {
  return severity == 1 ? Priority::kUrgent : severity == 2 ? Priority::kHigh : severity == 3 ? Priority::kNormal
                                                                                              : Priority::kLow;
}

// The root cause analysis an investigator records for a case of `area`.
ComplaintInvestigation InvestigationFor(const std::string& area) {
  ComplaintInvestigation i;
  if (area == "Billing") {
    i.whys = {"The charge was produced by the monthly billing run.", "A rule of the run did not fit this account."};
    i.cause_category = CauseCategory::kProcess;
    i.root_cause = "A billing rule does not cover this kind of account; under review with billing operations.";
  } else if (area == "Network") {
    i.whys = {"The line tests show faults at the street cabinet.", "The cabinet's equipment is past its service life."};
    i.cause_category = CauseCategory::kEquipment;
    i.root_cause = "Ageing equipment in the local cabinet; replacement scheduled.";
  } else if (area == "Installation") {
    i.whys = {"The appointment was not in the technician's route.", "The booking reached the contractor late."};
    i.cause_category = CauseCategory::kProcess;
    i.root_cause = "Bookings reach the installation contractor by a daily file, so same-week changes are lost.";
  } else if (area == "Contract") {
    i.whys = {"The terms applied differ from those sold.", "The offer was not recorded with the order."};
    i.cause_category = CauseCategory::kMeasurement;
    i.root_cause = "Offers made at sale are not stored with the order, so billing applies the standard terms.";
  } else {
    i.whys = {"The customer was not helped on first contact.", "The agent had no guidance for this question."};
    i.cause_category = CauseCategory::kPeople;
    i.root_cause = "The knowledge base has no article for this question; agents improvise.";
  }
  i.evidence = "Case notes and the contact history of the account.";
  return i;
}

// Imports the history in batches. Errors: those of ImportComplaints.
Result<std::int64_t> ImportHistory(Store& store, const WriteContext& ctx, const DemoHistory& history) {
  std::int64_t created = 0;
  std::vector<ImportedComplaint> batch;
  for (size_t i = 0; i < history.complaints.size(); ++i) {
    batch.push_back(history.complaints[i].row);
    if (batch.size() < kImportBatch && i + 1 < history.complaints.size()) continue;
    auto report = store.complaints().ImportComplaints(ctx, batch);
    if (!report.ok()) return report.error();
    created += report->created;
    batch.clear();
  }
  return created;
}

// Takes the history's open cases from the state the import filed them in
// (received or acknowledged) to the stage they had reached by now.
// Errors: any Store error.
Status AdvanceOpenHistory(Store& store, const WriteContext& ctx, const DemoHistory& history) {
  std::map<std::string, const DemoHistoryComplaint*> open_by_ref;
  for (const auto& c : history.complaints)
    if (c.open_stage != DemoOpenStage::kNone) open_by_ref[c.row.fields.external_ref] = &c;
  if (open_by_ref.empty()) return Status::Ok();
  ComplaintFilter open;
  open.open_only = true;
  std::vector<Complaint> found;
  for (ComplaintScan scan{0, 1000, ComplaintDetail::kFull};;) {
    auto page = store.complaints().ScanComplaints(open, scan);
    if (!page.ok()) return page.error();
    if (page->empty()) break;
    scan.after_id = page->back().id;
    found.insert(found.end(), page->begin(), page->end());
  }
  std::vector<std::pair<const Complaint*, const DemoHistoryComplaint*>> cases;
  for (const Complaint& c : found)
    if (auto planned = open_by_ref.find(c.intake.external_ref); planned != open_by_ref.end())
      cases.emplace_back(&c, planned->second);
  // Each case's steps in order, the cases concurrently (demo_parallel.h).
  return ForEachConcurrently(cases.size(), [&](size_t i) -> Status {
    const Complaint& c = *cases[i].first;
    const DemoHistoryComplaint& plan = *cases[i].second;
    const DemoComplaintKind& kind = DemoComplaintKinds()[plan.kind];
    ComplaintAssessment assessment;
    assessment.severity = plan.severity;
    assessment.priority = PriorityFor(plan.severity);
    assessment.category_id = c.intake.category_id;
    assessment.product = c.intake.product;
    assessment.customer_id = c.intake.customer_id;
    assessment.site = c.intake.site;
    auto assessed = store.complaints().AssessComplaint(ctx, c.id, assessment);
    if (!assessed.ok()) return assessed.error();
    if (plan.open_stage == DemoOpenStage::kAssessed) return Status::Ok();
    auto investigated = store.complaints().RecordInvestigation(ctx, c.id, InvestigationFor(kind.area));
    if (!investigated.ok()) return investigated.error();
    if (plan.open_stage == DemoOpenStage::kInvestigating) return Status::Ok();
    ComplaintResponse response{kind.decision, kind.remedies, kind.remedy_detail};
    auto responded = store.complaints().RespondToComplaint(ctx, c.id, response);
    if (!responded.ok()) return responded.error();
    return Status::Ok();
  });
}

// Takes one live case through its stages. Errors: any Store error.
Result<Complaint> Advance(Store& store, const WriteContext& ctx, Complaint c, const LiveCase& plan,
                          std::optional<Id> category) {
  const std::string stage = plan.stage;
  if (stage == "received") return c;
  auto moved = store.complaints().TransitionComplaint(ctx, c.id, {ComplaintState::kAcknowledged, "", std::nullopt});
  if (!moved.ok()) return moved.error();
  if (stage == "acknowledged") return *moved;
  ComplaintAssessment assessment;
  assessment.severity = stage == "investigating" ? 2 : 3;
  assessment.priority = stage == "investigating" ? Priority::kHigh : Priority::kNormal;
  assessment.category_id = category;
  assessment.product = c.intake.product;
  assessment.customer_id = c.intake.customer_id;
  auto assessed = store.complaints().AssessComplaint(ctx, c.id, assessment);
  if (!assessed.ok()) return assessed.error();
  if (stage == "assessed") return *assessed;
  ComplaintInvestigation investigation;
  investigation.whys = {"The renewal letter was not sent.", "The letter batch job skipped one-year contracts.",
                        "Its filter was written for the old contract codes.",
                        "The contract codes changed in the billing-system migration.",
                        "No checklist covers the jobs that read contract codes."};
  investigation.cause_category = CauseCategory::kProcess;
  investigation.root_cause = "Migrations of contract codes have no checklist of the jobs that depend on them.";
  investigation.evidence = "Batch job log of 3 October; contract code mapping sheet v2.";
  auto investigated = store.complaints().RecordInvestigation(ctx, c.id, investigation);
  if (!investigated.ok()) return investigated.error();
  if (stage == "investigating") return *investigated;
  if (stage == "waiting") {
    return store.complaints().TransitionComplaint(ctx, c.id, {ComplaintState::kWaitingOnComplainant,
                                                 "Asked which channels are missing and since when.", std::nullopt});
  }
  ComplaintResponse response;
  response.decision = "We are sorry: the complaint is justified. We have corrected the bill and changed the process.";
  response.remedies = {Remedy::kApology, Remedy::kRefund};
  response.remedy_detail = "Refund of the fee to the card on file.";
  auto responded = store.complaints().RespondToComplaint(ctx, c.id, response);
  if (!responded.ok()) return responded.error();
  if (stage == "responded") return *responded;
  return store.complaints().TransitionComplaint(ctx, c.id, {ComplaintState::kClosed, "", ClosureKind::kAccepted});
}

// The live cases, their rating and the corrective action. Errors: any Store error.
Status SeedLiveCases(Store& store, const Clock& clock, const WriteContext& ctx,
                     const std::vector<DemoCustomer>& customers, const std::map<std::string, Id>& categories,
                     DemoComplaintSummary& summary) {
  std::vector<Id> live_ids;
  size_t i = 0;
  for (const auto& plan : LiveCases()) {
    ComplaintIntakeFields fields;
    fields.intake = plan.intake;
    fields.channel = plan.channel;
    fields.summary = plan.summary;
    fields.description = plan.description;
    fields.received_at = clock.Now() - hours(plan.hours_ago);
    const std::optional<Id> category = categories.at(PathOf(plan.area, plan.kind));
    fields.product = plan.area;
    if (i < customers.size()) {
      const DemoCustomer& customer = customers[i * 7 % customers.size()];
      fields.customer_id = customer.id;
      fields.contact_name = customer.name;
      fields.contact_email = customer.email;
      fields.consent_contact = !customer.email.empty();
      fields.product = customer.row.internet_service == "No" ? "Phone"
                       : customer.row.internet_service == "Fiber optic" ? "Fiber optic internet"
                                                                        : "DSL internet";
    }
    auto created = store.complaints().CreateComplaint(ctx, fields, HashToken(RandomToken()));
    if (!created.ok()) return created.error();
    auto advanced = Advance(store, ctx, *created, plan, category);
    if (!advanced.ok()) return advanced.error();
    live_ids.push_back(advanced->id);
    ++summary.live;
    ++i;
  }
  // The closed case was rated through its closure mail's link.
  const std::string token = RandomToken();
  if (auto s = store.ratings().IssueRatingToken(ctx, live_ids.back(), HashToken(token)); !s.ok()) return s.error();
  const WriteContext public_ctx{{std::nullopt, "public"}, ""};
  if (auto r = store.ratings().SubmitRating(public_ctx, HashToken(token), 4, "Sorted quickly, thank you."); !r.ok())
    return r.error();

  // Both billing cases share one cause: a corrective action links them.
  CorrectiveAction action;
  action.title = "Check the billing run for duplicate and late-fee charges before invoices go out";
  action.description =
      "Since the billing-system migration, duplicate charges and wrong late fees keep coming back (see the Billing "
      "Pareto). Add a pre-release check of the monthly billing run; review the late-fee rule.";
  action.due_date = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(clock.Now() + hours(24 * 30))};
  action.complaint_ids = {live_ids.front(), live_ids.back()};
  auto created_action = store.corrective_actions().CreateCorrectiveAction(ctx, action);
  if (!created_action.ok()) return created_action.error();
  ++summary.corrective_actions;
  return Status::Ok();
}

}  // namespace

Result<DemoComplaintSummary> SeedDemoComplaints(Store& store, const Clock& clock,
                                                const std::vector<DemoCustomer>& customers) {
  DemoComplaintSummary summary;
  const WriteContext ctx = CliWriteContext("demo seed");

  auto settings = store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  settings->mail_from = "complaints@northwind.example";
  settings->mail_from_name = "Northwind Telecom complaints";
  if (auto s = store.complaint_admin().UpdateComplaintSettings(ctx, *settings); !s.ok()) return s.error();
  auto calendar = BusinessCalendar::Create(settings->calendar);
  if (!calendar.ok()) return calendar.error();

  auto categories = CreateCategoryTree(store, ctx);
  if (!categories.ok()) return categories.error();

  const DemoHistory history = GenerateDemoHistory(customers, *calendar, settings->sla, clock.Now());
  auto imported = ImportHistory(store, ctx, history);
  if (!imported.ok()) return imported.error();
  summary.history = *imported;
  summary.special_causes = history.special_causes;
  if (Status s = AdvanceOpenHistory(store, ctx, history); !s.ok()) return s.error();
  // Subscribers per month, so that the u-chart can be drawn.
  Status volumes = ForEachConcurrently(history.subscribers.size(), [&](size_t i) -> Status {
    auto set = store.complaint_admin().SetPeriodVolume(ctx, history.subscribers[i]);
    if (!set.ok()) return set.error();
    return Status::Ok();
  });
  if (!volumes.ok()) return volumes.error();

  if (Status s = SeedLiveCases(store, clock, ctx, customers, *categories, summary); !s.ok()) return s.error();
  return summary;
}

}  // namespace hearken
