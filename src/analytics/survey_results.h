// The results of one survey over a set of its answers: how many answered,
// by version, channel and language; each question's distribution (counts
// per rating value or choice, the mean of ratings and numbers, the newest
// verbatim comments); and NPS, CSAT and CES with their 95 % intervals
// (satisfaction_stats.h). Questions are those of the survey's current
// version, matched by name in answers to earlier versions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/satisfaction_stats.h"
#include "core/survey/survey_definition.h"
#include "core/survey/survey_metrics.h"
#include "store/survey_store.h"

namespace hearken::analytics {

inline constexpr size_t kVerbatimsPerQuestion = 50;

struct ValueCount {
  nlohmann::json value;  // the rating value, choice value, true/false, or "other"
  std::string text;      // what the respondent saw (default locale)
  std::int64_t count = 0;
};

struct Verbatim {
  Id answer_id = 0;
  TimePoint submitted_at{};
  std::string text;
};

struct QuestionResult {
  std::string name;
  std::string type;   // SurveyJS type
  std::string title;  // default locale
  std::int64_t answered = 0;
  std::vector<ValueCount> distribution;  // rating, choice and boolean questions, in the survey's order
  std::optional<MeanEstimate> mean;      // rating questions and numeric text
  std::vector<Verbatim> verbatims;       // text and comment questions, newest first
};

struct SurveyResults {
  std::int64_t answers = 0;
  std::map<int, std::int64_t> by_version;
  std::map<std::string, std::int64_t> by_channel;
  std::map<std::string, std::int64_t> by_language;  // "" = default
  std::optional<TimePoint> first_at, last_at;
  std::optional<NpsEstimate> nps;
  std::optional<ProportionEstimate> csat_top_two;  // share of the top two points of the scale
  std::optional<MeanEstimate> csat_mean;
  std::optional<MeanEstimate> ces;
  std::vector<QuestionResult> questions;
};

// Collects answers one at a time (in any order) and makes the results.
class SurveyResultsBuilder {
 public:
  SurveyResultsBuilder(const survey::Definition& current, const survey::MetricMap& metrics);
  // Counts one complete answer; answers_json that does not parse counts in
  // the totals only.
  void Add(const SurveyAnswer& answer);
  SurveyResults Finish() const;

 private:
  const survey::Definition& definition_;
  const survey::MetricMap& metrics_;
  SurveyResults results_;
  std::vector<int> nps_scores_;
  std::vector<double> csat_scores_, ces_scores_;
  std::int64_t csat_top_two_ = 0;
  std::vector<std::map<std::string, std::int64_t>> counts_;  // per question: value (JSON text) → count
  std::vector<std::vector<double>> numbers_;                 // per question
};

const char* AnswerChannelName(AnswerChannel channel);

}  // namespace hearken::analytics
