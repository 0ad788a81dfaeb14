// The demo organisation's complaint catalogue: the category tree a telecom
// company's complaints fall into — Billing, Network, Installation, Contract,
// Support, each with its children — and, for each child, what a normal
// month's complaints of that kind look like: their share of the month, the
// severities they are assessed at, which of the customer's services they
// concern, how long they take to answer, and the texts of the complaints and
// of the decisions. Data only; demo_history.h draws the history from it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/complaint.h"

namespace hearken {

// Which of the customer's services a complaint of a kind concerns.
enum class DemoProduct {
  kInternet,     // the internet service, or the phone line when there is none
  kPhone,        // the phone line, or the internet service when there is none
  kTv,           // Streaming TV, or the main service when not subscribed
  kMainService,  // the internet service when there is one, else the phone line
};

// Who raises complaints of a kind, beyond everyone's basic weight
// (demo_history.cc weighs each customer by these).
enum class DemoAudience {
  kAnyone,
  kInternetUsers,  // customers with an internet service
  kPhoneUsers,     // customers with a phone line
  kTermContracts,  // one- or two-year contracts (renewals)
  kLeavers,        // churned customers far more than others (termination fees)
  kNewCustomers,   // mostly customers in their first months (installation)
};

struct DemoComplaintKind {
  const char* area;         // top-level category, e.g. "Billing"
  const char* name;         // child category, e.g. "Double charge"
  const char* meaning;      // what belongs in the child category
  double share;             // share of a normal month's complaints (the shares sum to 1)
  std::array<double, 4> severity;  // probability of severity 1 (most severe) .. 4
  DemoProduct product;
  DemoAudience audience;
  double median_days_to_respond;   // business days, at severity 3 or 4
  std::vector<const char*> summaries;
  std::vector<const char*> descriptions;
  const char* decision;  // the response, for a justified complaint of this kind
  std::vector<Remedy> remedies;
  const char* remedy_detail;
};

// The five top-level areas, in the order the tree is created.
struct DemoArea {
  const char* name;
  const char* meaning;  // what belongs in the area
};
const std::vector<DemoArea>& DemoAreas();

// Every child category, grouped by area in the order of DemoAreas().
const std::vector<DemoComplaintKind>& DemoComplaintKinds();

// The index in DemoComplaintKinds() of area/name; asserts it exists.
size_t DemoKindIndex(const std::string& area, const std::string& name);

// A short comment a complainant leaves with a handling rating of `score`
// (1..5); `variant` picks one of a few.
const char* DemoRatingComment(int score, size_t variant);

}  // namespace hearken
