#include "cli/demo_complaints.h"

#include <fstream>
#include <optional>

#include "cli/commands.h"
#include "core/crypto.h"
#include "ingest/cfpb_import.h"

namespace hearken {
namespace {

using std::chrono::hours;

struct LiveCase {
  const char* summary;
  const char* description;
  const char* product;
  Channel channel;
  ComplaintIntake intake;
  int hours_ago;
  const char* stage;  // "received", "acknowledged", "assessed", "investigating", "waiting", "responded", "closed"
};

std::vector<LiveCase> LiveCases() {
  return {
      {"Charged twice for October", "My October bill shows the monthly fee twice. I want the second charge refunded.",
       "Billing", Channel::kPortal, ComplaintIntake::kPublicForm, 3, "received"},
      {"Internet drops every evening",
       "Since the router swap the connection drops between 7 and 10 pm almost daily. Work calls keep failing.",
       "Fiber optic internet", Channel::kPhone, ComplaintIntake::kStaff, 20, "acknowledged"},
      {"Technician did not come", "I took a day off for the installation appointment and nobody came or called.",
       "Installation", Channel::kEmail, ComplaintIntake::kEmail, 30, "assessed"},
      {"Contract renewed without asking",
       "My one-year contract renewed automatically at a higher price; I was never told.", "Contracts",
       Channel::kLetter, ComplaintIntake::kStaff, 50, "investigating"},
      {"Streaming package missing channels", "Half of the sports channels I pay for are not available.",
       "Streaming TV", Channel::kPortal, ComplaintIntake::kPublicForm, 70, "waiting"},
      {"Rude answer on the hotline", "The agent hung up on me when I asked for a supervisor.", "Customer service",
       Channel::kPhone, ComplaintIntake::kStaff, 90, "responded"},
      {"Late fee although I paid on time", "I paid on the 2nd, the bill was due on the 5th, still a late fee.",
       "Billing", Channel::kPortal, ComplaintIntake::kPublicForm, 120, "closed"},
  };
}

std::optional<Id> CategoryNamed(Store& store, const WriteContext& ctx, const std::string& name) {
  auto all = store.complaint_admin().ListCategories();
  if (all.ok())
    for (const auto& c : *all)
      if (!c.parent_id && c.name == name) return c.id;
  ComplaintCategory category;
  category.name = name;
  auto created = store.complaint_admin().CreateCategory(ctx, category);
  if (!created.ok()) return std::nullopt;
  return created->id;
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
  assessment.product = plan.product;
  assessment.customer_id = c.intake.customer_id;
  auto assessed = store.complaints().AssessComplaint(ctx, c.id, assessment);
  if (!assessed.ok()) return assessed.error();
  if (stage == "assessed") return *assessed;
  ComplaintInvestigation investigation;
  investigation.whys = {"The renewal letter was not sent.", "The letter batch job skipped one-year contracts.",
                        "Its filter was written for the old contract codes.",
                        "The contract codes changed in the spring migration.",
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

}  // namespace

Result<DemoComplaintSummary> SeedDemoComplaints(Store& store, const Clock& clock, const std::string& cfpb_csv_path,
                                                const std::vector<Customer>& customers) {
  DemoComplaintSummary summary;
  const WriteContext ctx = CliWriteContext("demo seed");

  auto settings = store.complaint_admin().GetComplaintSettings();
  if (!settings.ok()) return settings.error();
  settings->mail_from = "complaints@northwind.example";
  settings->mail_from_name = "Northwind Telecom complaints";
  if (auto s = store.complaint_admin().UpdateComplaintSettings(ctx, *settings); !s.ok()) return s.error();

  std::ifstream file(cfpb_csv_path, std::ios::binary);
  if (!file) return Error::NotFound("cannot read the demo complaints " + cfpb_csv_path);
  auto imported = ingest::ImportCfpbCsv(store, ctx, file);
  if (!imported.ok()) return imported.error();
  summary.imported = imported->created;

  // Orders per month of 2025, so that the u-chart can be drawn.
  const int orders[] = {4100, 3900, 4300, 4200, 4500, 4000, 4400, 4300, 4100, 4600, 4800, 5200};
  for (int month = 1; month <= 12; ++month) {
    PeriodVolume volume;
    volume.period = "2025-" + std::string(month < 10 ? "0" : "") + std::to_string(month);
    volume.volume = orders[month - 1];
    volume.unit = "orders";
    if (auto s = store.complaint_admin().SetPeriodVolume(ctx, volume); !s.ok()) return s.error();
  }

  std::vector<Id> live_ids;
  size_t i = 0;
  for (const auto& plan : LiveCases()) {
    ComplaintIntakeFields fields;
    fields.intake = plan.intake;
    fields.channel = plan.channel;
    fields.summary = plan.summary;
    fields.description = plan.description;
    fields.product = plan.product;
    fields.received_at = clock.Now() - hours(plan.hours_ago);
    if (i < customers.size()) {
      const Customer& customer = customers[i * 7 % customers.size()];
      fields.customer_id = customer.id;
      fields.contact_name = customer.name;
      fields.contact_email = customer.email;
      fields.consent_contact = !customer.email.empty();
    }
    auto created = store.complaints().CreateComplaint(ctx, fields, HashToken(RandomToken()));
    if (!created.ok()) return created.error();
    auto advanced = Advance(store, ctx, *created, plan, CategoryNamed(store, ctx, plan.product));
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
  action.description = "Add a pre-release check of the monthly billing run; review the late-fee rule.";
  action.due_date = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(clock.Now() + hours(24 * 30))};
  action.complaint_ids = {live_ids.front(), live_ids.back()};
  auto created_action = store.corrective_actions().CreateCorrectiveAction(ctx, action);
  if (!created_action.ok()) return created_action.error();
  ++summary.corrective_actions;
  return summary;
}

}  // namespace hearken
