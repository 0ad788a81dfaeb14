// SurveyResultsBuilder: tallies per question and the metric scores.
#include "analytics/survey_results.h"

#include <algorithm>

namespace hearken::analytics {

namespace {

bool IsChoiceType(const std::string& type) {
  return type == "radiogroup" || type == "dropdown" || type == "checkbox" || type == "tagbox" || type == "ranking";
}

std::string Key(const nlohmann::json& value) { return value.dump(); }

std::string TextOf(const survey::Question& q, const nlohmann::json& value) {
  const std::string key = value.is_string() ? value.get<std::string>() : value.dump();
  if (auto it = q.choice_texts.find(key); it != q.choice_texts.end()) {
    if (auto text = it->second.find(""); text != it->second.end()) return text->second;
    if (!it->second.empty()) return it->second.begin()->second;
  }
  return key;
}

// The values a question's distribution lists, in the survey's order.
std::vector<ValueCount> Seeds(const survey::Question& q) {
  std::vector<ValueCount> out;
  if (q.type == "rating") {
    if (!q.rate_values.empty()) {
      for (const auto& v : q.rate_values) out.push_back({v, TextOf(q, v), 0});
    } else {
      for (int v = q.rate_min; v <= q.rate_max; ++v) out.push_back({v, std::to_string(v), 0});
    }
  } else if (q.type == "boolean") {
    out.push_back({true, "Yes", 0});
    out.push_back({false, "No", 0});
  } else if (IsChoiceType(q.type)) {
    for (const auto& v : q.choices) out.push_back({v, TextOf(q, v), 0});
    if (q.has_other) out.push_back({"other", "Other", 0});
    if (q.has_none) out.push_back({"none", "None", 0});
  }
  return out;
}

std::string Title(const survey::Question& q) {
  if (auto it = q.titles.find(""); it != q.titles.end() && !it->second.empty()) return it->second;
  if (!q.titles.empty()) return q.titles.begin()->second;
  return q.name;
}

}  // namespace

const char* AnswerChannelName(AnswerChannel channel) {
  switch (channel) {
    case AnswerChannel::kLink: return "link";
    case AnswerChannel::kInvitation: return "invitation";
    case AnswerChannel::kEmbed: return "embed";
    case AnswerChannel::kApi: return "api";
    case AnswerChannel::kImport: return "import";
  }
  return "link";
}

SurveyResultsBuilder::SurveyResultsBuilder(const survey::Definition& current, const survey::MetricMap& metrics)
    : definition_(current), metrics_(metrics) {
  for (const auto& q : definition_.questions) {
    QuestionResult r;
    r.name = q.name;
    r.type = q.type;
    r.title = Title(q);
    results_.questions.push_back(std::move(r));
  }
  counts_.resize(definition_.questions.size());
  numbers_.resize(definition_.questions.size());
}

void SurveyResultsBuilder::Add(const SurveyAnswer& answer) {
  ++results_.answers;
  ++results_.by_version[answer.version];
  ++results_.by_channel[AnswerChannelName(answer.channel)];
  ++results_.by_language[answer.language];
  if (!results_.first_at || answer.submitted_at < *results_.first_at) results_.first_at = answer.submitted_at;
  if (!results_.last_at || answer.submitted_at > *results_.last_at) results_.last_at = answer.submitted_at;
  if (answer.nps) nps_scores_.push_back(*answer.nps);
  if (answer.csat) {
    csat_scores_.push_back(*answer.csat);
    const int scale = answer.csat_scale.value_or(5);
    if (*answer.csat >= scale - 1) ++csat_top_two_;
  }
  if (answer.ces) ces_scores_.push_back(*answer.ces);

  const nlohmann::json values = nlohmann::json::parse(answer.answers_json, nullptr, false);
  if (!values.is_object()) return;
  for (size_t i = 0; i < definition_.questions.size(); ++i) {
    const survey::Question& q = definition_.questions[i];
    auto it = values.find(q.name);
    if (it == values.end() || it->is_null()) continue;
    QuestionResult& r = results_.questions[i];
    ++r.answered;
    if (it->is_array()) {
      for (const auto& v : *it) ++counts_[i][Key(v)];
    } else if (!it->is_string() || (q.type != "text" && q.type != "comment")) {
      ++counts_[i][Key(*it)];
    }
    if (it->is_number() && (q.type == "rating" || q.type == "text")) numbers_[i].push_back(it->get<double>());
    if (it->is_string() && (q.type == "text" || q.type == "comment") && !it->get<std::string>().empty())
      r.verbatims.push_back({answer.id, answer.submitted_at, it->get<std::string>()});
  }
}

SurveyResults SurveyResultsBuilder::Finish() const {
  SurveyResults out = results_;
  if (metrics_.nps) out.nps = NpsFromScores(nps_scores_);
  if (metrics_.csat) {
    out.csat_top_two = WilsonProportion(csat_top_two_, static_cast<std::int64_t>(csat_scores_.size()));
    out.csat_mean = MeanWithTInterval(csat_scores_);
  }
  if (metrics_.ces) out.ces = MeanWithTInterval(ces_scores_);
  for (size_t i = 0; i < out.questions.size(); ++i) {
    const survey::Question& q = definition_.questions[i];
    QuestionResult& r = out.questions[i];
    r.distribution = Seeds(q);
    for (auto& seed : r.distribution) {
      if (auto c = counts_[i].find(Key(seed.value)); c != counts_[i].end()) seed.count = c->second;
    }
    if (!numbers_[i].empty()) r.mean = MeanWithTInterval(numbers_[i]);
    std::sort(r.verbatims.begin(), r.verbatims.end(), [](const Verbatim& a, const Verbatim& b) {
      return a.submitted_at != b.submitted_at ? a.submitted_at > b.submitted_at : a.answer_id > b.answer_id;
    });
    if (r.verbatims.size() > kVerbatimsPerQuestion) r.verbatims.resize(kVerbatimsPerQuestion);
  }
  return out;
}

}  // namespace hearken::analytics
