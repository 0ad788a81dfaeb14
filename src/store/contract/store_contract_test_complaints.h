// Helpers of the complaint contract tests (store_contract_test_complaints.cc
// and store_contract_test_complaint_list.cc): valid intake, assessment,
// investigation and response values, and a Kit that files and moves
// complaints on the fixture's store.
#pragma once

#include <string>
#include <vector>

#include "store/contract/store_contract_test.h"

namespace hearken::complaint_test {

using S = ComplaintState;

inline const TimePoint kMonday = *ParseTimestamp("2026-03-02T10:00:00Z");  // a working day, 10:00 UTC

inline ComplaintIntakeFields Intake(const std::string& summary) {
  ComplaintIntakeFields f;
  f.summary = summary;
  f.description = "What happened: " + summary;
  f.contact_name = "Carla Complainant";
  f.contact_email = "carla@example.org";
  f.consent_contact = true;
  return f;
}

inline ComplaintAssessment Assessment(int severity = 2) {
  ComplaintAssessment a;
  a.severity = severity;
  a.priority = Priority::kHigh;
  return a;
}

inline ComplaintInvestigation Investigation() {
  ComplaintInvestigation i;
  i.whys = {"the parcel was late", "the courier was overbooked"};
  i.cause_category = CauseCategory::kProcess;
  i.root_cause = "no capacity planning with the courier";
  return i;
}

inline ComplaintResponse Response() {
  ComplaintResponse r;
  r.decision = "We refund the delivery fee";
  r.remedies = {Remedy::kApology, Remedy::kRefund};
  return r;
}

// Helpers of the complaint tests over the fixture's store, context and clock;
// making one sets the clock to kMonday.
class Kit {
 public:
  Kit(Store& store, const WriteContext& ctx, ManualClock& clock) : store_(store), ctx_(ctx) { clock.Set(kMonday); }

  Complaint File(const std::string& summary, ComplaintIntakeFields f = {}) {
    if (f.summary.empty()) f = Intake(summary);
    auto c = store_.complaints().CreateComplaint(ctx_, f, "hash-" + f.summary + "-" + std::to_string(++tokens_));
    EXPECT_TRUE(c.ok()) << ErrorText(c);
    return c.ok() ? *c : Complaint{};
  }

  Result<Complaint> Move(Id id, S to, const std::string& reason = "", std::optional<ClosureKind> closure = {}) {
    return store_.complaints().TransitionComplaint(ctx_, id, {to, reason, closure});
  }

  void MustMove(Id id, S to, const std::string& reason = "", std::optional<ClosureKind> closure = {}) {
    auto moved = Move(id, to, reason, closure);
    ASSERT_TRUE(moved.ok()) << ErrorText(moved);
    ASSERT_EQ(moved->state, to);
  }

  // Files a complaint and takes it to `state` along the main path.
  Complaint FileIn(const std::string& summary, S state) {
    Complaint c = File(summary);
    if (state == S::kReceived) return c;
    EXPECT_TRUE(Move(c.id, S::kAcknowledged).ok());
    if (state != S::kAcknowledged) {
      EXPECT_TRUE(store_.complaints().AssessComplaint(ctx_, c.id, Assessment()).ok());
    }
    if (state != S::kAcknowledged && state != S::kAssessed) {
      EXPECT_TRUE(store_.complaints().RecordInvestigation(ctx_, c.id, Investigation()).ok());
    }
    if (state == S::kResponded) {
      auto responded = store_.complaints().RespondToComplaint(ctx_, c.id, Response());
      EXPECT_TRUE(responded.ok()) << ErrorText(responded);
    }
    auto read = store_.complaints().GetComplaint(c.id);
    EXPECT_TRUE(read.ok() && read->state == state) << summary;
    return read.ok() ? *read : c;
  }

  // Summaries of the listed complaints.
  std::vector<std::string> Refs(const ComplaintFilter& f, const ListOptions& o = Sorted("reference")) {
    auto page = store_.complaints().ListComplaints(f, o);
    EXPECT_TRUE(page.ok()) << ErrorText(page);
    std::vector<std::string> out;
    if (page.ok())
      for (const auto& c : page->items) out.push_back(c.intake.summary);
    return out;
  }

  std::vector<std::string> Search(const std::string& q) {
    ComplaintFilter f;
    f.search = q;
    return Refs(f);
  }

  std::vector<AuditEntry> Timeline(Id complaint_id) {
    AuditFilter f;
    f.complaint_id = complaint_id;
    ListOptions all;
    all.limit = 500;
    auto page = store_.audit().ListAudit(f, all);
    EXPECT_TRUE(page.ok()) << ErrorText(page);
    return page.ok() ? page->items : std::vector<AuditEntry>{};
  }

 private:
  Store& store_;
  const WriteContext& ctx_;
  int tokens_ = 0;
};

}  // namespace hearken::complaint_test
