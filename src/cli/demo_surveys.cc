#include "cli/demo_surveys.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>

#include <nlohmann/json.hpp>

#include "cli/demo_parallel.h"
#include "core/survey/survey_answer.h"
#include "core/survey/survey_definition.h"
#include "core/survey/survey_metrics.h"
#include "core/time_format.h"

namespace hearken {
namespace {

using nlohmann::json;

json Text(const char* english, const char* spanish) { return {{"default", english}, {"es", spanish}}; }

json Rating(const char* name, json title, int min, int max, bool required = false) {
  json q = {{"type", "rating"}, {"name", name}, {"title", std::move(title)}, {"rateMin", min}, {"rateMax", max}};
  if (required) q["isRequired"] = true;
  return q;
}

// SurveyJS's own NPS item with its follow-up, then satisfaction, effort and
// what drives satisfaction.
json Definition() {
  json nps = Rating("nps", Text("How likely are you to recommend Northwind Telecom to a friend or colleague?",
                                "¿Qué probabilidad hay de que recomiende Northwind Telecom a un amigo o colega?"),
                    0, 10, true);
  json why = {{"type", "comment"},
              {"name", "why"},
              {"title", Text("What is the main reason for your score?", "¿Cuál es el motivo principal de su puntuación?")},
              {"visibleIf", "{nps} notempty"}};
  json satisfaction = Rating("satisfaction", Text("Overall, how satisfied are you with our service?",
                                                  "En general, ¿qué tan satisfecho está con nuestro servicio?"),
                             1, 5, true);
  json effort = Rating("effort", Text("How easy was it to get help when you needed it?",
                                      "¿Qué tan fácil fue obtener ayuda cuando la necesitó?"),
                       1, 7);
  json drivers = json::array();
  drivers.push_back(Rating("coverage", Text("Network coverage where you live and work", "Cobertura de la red"), 1, 5));
  drivers.push_back(Rating("price", Text("Value for money", "Relación calidad-precio"), 1, 5));
  drivers.push_back(Rating("service", Text("Our customer service", "Nuestro servicio al cliente"), 1, 5));
  return {{"title", Text("How are we doing?", "¿Cómo lo estamos haciendo?")},
          {"locale", ""},
          {"pages",
           {{{"name", "recommend"}, {"elements", {nps, why}}},
            {{"name", "experience"},
             {"elements", {satisfaction, effort, {{"type", "panel"}, {"name", "drivers"}, {"elements", drivers}}}}}}}};
}

const json kMetricMap = {{"nps", "nps"},
                         {"csat", "satisfaction"},
                         {"ces", "effort"},
                         {"overall", "satisfaction"},
                         {"drivers", {"coverage", "price", "service"}}};

const char* kReasons[3][4] = {
    {"Calls drop all the time at home.", "Too expensive for what I get.", "Waited 40 minutes on the phone.",
     "The bill went up without warning."},
    {"It works, but the app is clumsy.", "Fine most days, slow in the evening.", "Nothing special either way.",
     "Support was friendly but slow."},
    {"Never had a problem in years.", "The technician fixed it the same day.", "Fast internet and a fair price.",
     "Great service in the shop."}};

int Clamp(int v, int lo, int hi) { return std::max(lo, std::min(hi, v)); }

}  // namespace

Result<DemoSurveySummary> SeedDemoSurvey(Store& store, const Clock& clock, const std::vector<DemoCustomer>& customers,
                                         const std::vector<DemoSpecialCause>& dips) {
  const json definition = Definition();
  auto parsed = survey::ParseDefinition(definition);
  if (!parsed.ok()) return Error::Internal("the demo survey does not validate: " + parsed.error().message);
  auto metrics = survey::ParseMetricMap(kMetricMap, *parsed);
  if (!metrics.ok()) return Error::Internal("the demo metric map does not validate: " + metrics.error().message);

  const WriteContext ctx = {{std::nullopt, "demo seed"}, ""};
  Survey survey;
  survey.name = "Customer relationship survey (NPS)";
  survey.kind = SurveyKind::kRelationship;
  survey.status = SurveyStatus::kOpen;
  auto created = store.surveys().CreateSurvey(ctx, survey, definition.dump(), survey::MetricMapToJson(*metrics).dump());
  if (!created.ok()) return created.error();

  // About one customer in twelve answered, on a day of the past year.
  std::mt19937 random(20261208);
  std::vector<SurveyAnswer> answers;
  const TimePoint now = clock.Now();
  for (size_t i = 0; i < customers.size(); i += 12) {
    const DemoCustomer& c = customers[i];
    const int day = static_cast<int>(random() % 365);
    const TimePoint at = now - std::chrono::hours(24 * (day + 1)) + std::chrono::minutes(random() % 1440);
    const std::string month = FormatTimestamp(at).substr(0, 7);
    const bool dip = std::any_of(dips.begin(), dips.end(), [&](const auto& d) { return d.period == month; });
    // Loyalty by contract, less in an outage month, some noise.
    double base = c.row.contract == "Two year" ? 8.6 : c.row.contract == "One year" ? 7.6 : 6.1;
    if (dip) base -= 2.0;
    std::normal_distribution<double> noise(0.0, 1.8);
    const int nps = Clamp(static_cast<int>(std::lround(base + noise(random))), 0, 10);
    const int mood = nps <= 6 ? 0 : nps <= 8 ? 1 : 2;
    json values = {{"nps", nps},
                   {"satisfaction", Clamp(1 + nps / 2 + static_cast<int>(random() % 2) - 1, 1, 5)},
                   {"coverage", Clamp(2 + mood + static_cast<int>(random() % 2) - (dip ? 1 : 0), 1, 5)},
                   {"price", Clamp(2 + mood / 2 + static_cast<int>(random() % 3) - 1, 1, 5)},
                   {"service", Clamp(2 + mood + static_cast<int>(random() % 2), 1, 5)}};
    if (random() % 3 != 0) values["effort"] = Clamp(2 + mood * 2 + static_cast<int>(random() % 2), 1, 7);
    if (random() % 2 == 0) values["why"] = kReasons[mood][random() % 4];
    auto valid = survey::ValidateAnswer(*parsed, *metrics, values);
    if (!valid.ok()) return Error::Internal("a demo answer does not validate: " + valid.error().message);
    SurveyAnswer a;
    a.survey_id = created->id;
    a.version = created->current_version;
    a.channel = AnswerChannel::kImport;
    a.language = random() % 10 == 0 ? "es" : "";
    a.customer_id = c.id;
    a.answers_json = valid->values.dump();
    a.nps = valid->nps;
    a.csat = valid->csat;
    if (valid->csat) a.csat_scale = metrics->csat_scale;
    a.ces = valid->ces;
    a.overall = valid->overall;
    a.submitted_at = at;
    answers.push_back(std::move(a));
  }
  // Concurrently, so that the store commits them in groups.
  Status stored = ForEachConcurrently(answers.size(), [&](size_t i) -> Status {
    auto r = store.surveys().SubmitSurveyAnswer(ctx, answers[i]);
    return r.ok() ? Status::Ok() : Status(r.error());
  });
  if (!stored.ok()) return stored.error();
  return DemoSurveySummary{created->id, static_cast<std::int64_t>(answers.size())};
}

}  // namespace hearken
