#include "http/surveys/survey_lookup.h"

namespace hearken::http {

std::shared_ptr<const Survey> SurveyLookup::CachedBySlug(const std::string& slug) {
  std::lock_guard lock(mutex_);
  auto it = by_slug_.find(slug);
  if (it == by_slug_.end() || Clock::now() - it->second.loaded >= kFreshFor) return nullptr;
  return it->second.value;
}

Result<std::shared_ptr<const Survey>> SurveyLookup::BySlug(Store& store, const std::string& slug) {
  if (auto kept = CachedBySlug(slug)) return kept;
  const auto loaded = Clock::now();
  auto survey = store.surveys().GetSurveyBySlug(slug);
  if (!survey.ok()) return survey.error();
  auto value = std::make_shared<const Survey>(std::move(*survey));
  std::lock_guard lock(mutex_);
  if (by_slug_.size() >= kMaxEntries) by_slug_.clear();
  by_slug_[slug] = {value, loaded};
  return value;
}

std::shared_ptr<const CheckedDefinition> SurveyLookup::CachedVersion(Id survey_id, int version) {
  std::lock_guard lock(mutex_);
  auto it = versions_.find({survey_id, version});
  if (it == versions_.end() || Clock::now() - it->second.loaded >= kFreshFor) return nullptr;
  return it->second.value;
}

Result<std::shared_ptr<const CheckedDefinition>> SurveyLookup::Version(Store& store, Id survey_id, int version) {
  if (auto kept = CachedVersion(survey_id, version)) return kept;
  const auto loaded = Clock::now();
  auto stored = store.surveys().GetSurveyVersion(survey_id, version);
  if (!stored.ok()) return stored.error();
  auto parsed = LoadVersion(*stored);
  if (!parsed.ok()) return parsed.error();
  std::lock_guard lock(mutex_);
  if (versions_.size() >= kMaxEntries) versions_.clear();
  versions_[{survey_id, version}] = {*parsed, loaded};
  return *parsed;
}

void SurveyLookup::Forget(Id survey_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(by_slug_, [&](const auto& entry) { return entry.second.value->id == survey_id; });
  std::erase_if(versions_, [&](const auto& entry) { return entry.first.first == survey_id; });
}

}  // namespace hearken::http
