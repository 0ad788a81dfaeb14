#include "core/survey/survey_metrics.h"

#include <algorithm>

namespace hearken::survey {
namespace {

using json = nlohmann::json;

constexpr const char* kKeys[] = {"nps", "csat", "ces", "overall", "drivers"};

struct Collector {
  std::vector<FieldError> fields;
  void Add(std::string field, std::string message) { fields.push_back({std::move(field), std::move(message)}); }
};

// The rating question `value` names, or null after recording why not.
const Question* RatingQuestion(const json& value, const std::string& field, const Definition& def, Collector& c) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    c.Add(field, "must be the name of a question");
    return nullptr;
  }
  const Question* q = def.Find(value.get<std::string>());
  if (!q) {
    c.Add(field, value.get<std::string>() + " names no question of the survey");
    return nullptr;
  }
  return q;
}

std::string Range(const Question& q) {
  return std::to_string(q.rate_min) + " to " + std::to_string(q.rate_max);
}

std::string Scale(const Question& q) {
  if (q.type != "rating") return "values " + [&] {
    std::string s;
    for (const auto& v : q.choices) s += (s.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
    return s;
  }();
  if (q.is_integer_scale()) return Range(q);
  std::string s;
  for (const auto& v : q.rate_values) s += (s.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
  return "values " + s;
}

}  // namespace

Result<MetricMap> ParseMetricMap(const nlohmann::json& map, const Definition& def) {
  if (map.is_null()) return MetricMap{};
  if (!map.is_object()) return Error::InvalidField("metric_map", "must be an object");
  Collector c;
  MetricMap out;
  for (const auto& [key, value] : map.items())
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      c.Add("metric_map/" + key, "is not a metric; use nps, csat, ces, overall or drivers");

  auto single = [&](const char* key, std::optional<std::string>& target, auto&& fits, const char* wanted) {
    auto it = map.find(key);
    if (it == map.end() || it->is_null()) return;
    std::string field = std::string("metric_map/") + key;
    const Question* q = RatingQuestion(*it, field, def, c);
    if (!q) return;
    if (q->type != "rating" || !q->is_integer_scale() || !fits(*q)) {
      c.Add(field, std::string("must be a rating question ") + wanted + " (" + q->name + " is " +
                       (q->type == "rating" ? "a rating of " + Scale(*q) : "a " + q->type + " question") + ")");
      return;
    }
    target = q->name;
  };
  single("nps", out.nps, [](const Question& q) { return q.rate_min == 0 && q.rate_max == 10; }, "from 0 to 10");
  single("csat", out.csat, [](const Question& q) { return q.rate_min == 1 && (q.rate_max == 5 || q.rate_max == 7); },
         "from 1 to 5 or from 1 to 7");
  single("ces", out.ces, [](const Question& q) { return q.rate_min == 1 && q.rate_max == 7; }, "from 1 to 7");
  single("overall", out.overall, [](const Question& q) { return q.rate_max > q.rate_min; },
         "on a scale of whole numbers");
  if (out.csat) out.csat_scale = def.Find(*out.csat)->rate_max;

  if (auto it = map.find("drivers"); it != map.end() && !it->is_null()) {
    if (!it->is_array()) {
      c.Add("metric_map/drivers", "must be a list of question names");
    } else {
      for (size_t i = 0; i < it->size(); ++i) {
        std::string field = "metric_map/drivers/" + std::to_string(i);
        const Question* q = RatingQuestion((*it)[i], field, def, c);
        if (!q) continue;
        if (q->type != "rating" || !q->is_integer_scale() || q->rate_max <= q->rate_min) {
          c.Add(field, "must be a rating question on a scale of whole numbers (" + q->name + " is not)");
        } else if (std::find(out.drivers.begin(), out.drivers.end(), q->name) != out.drivers.end()) {
          c.Add(field, q->name + " is already a driver");
        } else if (out.overall && *out.overall == q->name) {
          c.Add(field, q->name + " is the overall question and cannot also be a driver");
        } else {
          out.drivers.push_back(q->name);
        }
      }
    }
  }
  if (!c.fields.empty()) {
    std::string message = "the metric map does not fit the survey:";
    for (const auto& f : c.fields) message += " " + f.field + " " + f.message + ";";
    message.pop_back();
    return Error::InvalidArgument(std::move(message), std::move(c.fields));
  }
  return out;
}

nlohmann::json MetricMapToJson(const MetricMap& map) {
  json out = json::object();
  if (map.nps) out["nps"] = *map.nps;
  if (map.csat) out["csat"] = *map.csat;
  if (map.ces) out["ces"] = *map.ces;
  if (map.overall) out["overall"] = *map.overall;
  out["drivers"] = map.drivers;
  return out;
}

std::vector<std::string> SeriesBreaks(const Definition& before, const MetricMap& before_map, const Definition& after,
                                      const MetricMap& after_map) {
  std::vector<std::string> out;
  struct Metric {
    const char* label;
    const std::optional<std::string>& was;
    const std::optional<std::string>& now;
    bool title_matters;
  };
  const Metric metrics[] = {
      {"NPS", before_map.nps, after_map.nps, true},
      {"CSAT", before_map.csat, after_map.csat, true},
      {"CES", before_map.ces, after_map.ces, true},
      {"the overall rating", before_map.overall, after_map.overall, false},
  };
  for (const auto& m : metrics) {
    const std::string label = m.label;
    if (!m.was && !m.now) continue;
    if (m.was && !m.now) {
      out.push_back(label + " is no longer measured: question " + *m.was + " is not mapped in the new version");
      continue;
    }
    if (!m.was && m.now) {
      out.push_back(label + " starts with question " + *m.now + ": the previous version did not measure it");
      continue;
    }
    const Question* a = before.Find(*m.was);
    const Question* b = after.Find(*m.now);
    if (!a || !b) continue;  // maps are checked against their definitions; nothing comparable here
    if (*m.was != *m.now) {
      out.push_back(label + " moves from question " + *m.was + " to question " + *m.now);
      continue;
    }
    if (Scale(*a) != Scale(*b))
      out.push_back(label + " question " + *m.now + " changes its scale from " + Scale(*a) + " to " + Scale(*b));
    if (m.title_matters && a->titles.at("") != b->titles.at(""))
      out.push_back(label + " question " + *m.now + " is worded differently: \"" + a->titles.at("") + "\" becomes \"" +
                    b->titles.at("") + "\"");
  }
  for (const auto& d : before_map.drivers)
    if (std::find(after_map.drivers.begin(), after_map.drivers.end(), d) == after_map.drivers.end())
      out.push_back("driver " + d + " is no longer mapped in the new version");
  for (const auto& d : after_map.drivers) {
    if (std::find(before_map.drivers.begin(), before_map.drivers.end(), d) == before_map.drivers.end()) {
      out.push_back("driver " + d + " is new: the previous version did not map it");
      continue;
    }
    const Question* a = before.Find(d);
    const Question* b = after.Find(d);
    if (a && b && (Scale(*a) != Scale(*b) || a->choices != b->choices))
      out.push_back("driver " + d + " changes its values from " + Scale(*a) + " to " + Scale(*b));
  }
  return out;
}

}  // namespace hearken::survey
