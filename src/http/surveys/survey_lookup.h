// What the answer routes read of a survey for every answer — the survey
// behind a public slug and the parsed version an answer names — kept in
// memory for a second, so that the intake route validates an answer on the
// I/O thread without reading the store (survey_public_routes.cc). Staff
// changes in this process drop a survey's entries at once (Forget); a
// change made by another process is seen within kFreshFor. That is safe
// because the store checks again, inside the answer's own write, everything
// that decides whether an answer is taken: the survey's state, its closing
// rules, its public link and anonymous setting, and the version.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"
#include "http/surveys/survey_checks.h"
#include "store/store.h"

namespace hearken::http {

class SurveyLookup {
 public:
  static constexpr std::chrono::seconds kFreshFor{1};
  static constexpr size_t kMaxEntries = 1024;  // beyond, the cache starts afresh

  // The survey with this slug when a fresh copy is in memory, else null
  // (never reads the store).
  std::shared_ptr<const Survey> CachedBySlug(const std::string& slug);
  // The same, read from the store (and kept) when not in memory.
  // Errors: those of SurveyStore::GetSurveyBySlug.
  Result<std::shared_ptr<const Survey>> BySlug(Store& store, const std::string& slug);

  // Version `version` of a survey, parsed, when fresh in memory, else null.
  std::shared_ptr<const CheckedDefinition> CachedVersion(Id survey_id, int version);
  // The same, read from the store and parsed (LoadVersion) when not in
  // memory. Errors: NotFound (no such version), Internal, Unavailable.
  Result<std::shared_ptr<const CheckedDefinition>> Version(Store& store, Id survey_id, int version);

  // Drops what is kept of a survey (its settings or definition changed).
  void Forget(Id survey_id);

 private:
  using Clock = std::chrono::steady_clock;
  template <typename T>
  struct Entry {
    std::shared_ptr<const T> value;
    Clock::time_point loaded;
  };
  std::mutex mutex_;
  std::map<std::string, Entry<Survey>> by_slug_;
  std::map<std::pair<Id, int>, Entry<CheckedDefinition>> versions_;
};

}  // namespace hearken::http
