// Surveys and their versions on SqlStore (SurveyStore, schema 15): settings,
// the public slug, definitions kept in numbered versions (replaced in place
// until a version has answers), each change audited as entity "survey".
// Answers: sql_store_survey_answers.cc.
#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "core/validation.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"
#include "store/sql/surveys/survey_rows.h"

namespace hearken {

using namespace sql;
using namespace sql::survey_rows;

namespace {

constexpr size_t kSlugLength = 22;  // 16 random bytes in base64url

Error PreconditionOn(const std::string& field, const std::string& message) {
  return Error{ErrorCode::kFailedPrecondition, field + ": " + message, {{field, message}}};
}

Status CheckDefinition(const std::string& definition_json, const std::string& metric_map_json) {
  if (definition_json.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::InvalidField("definition", "is required");
  if (definition_json.size() > kMaxSurveyDefinitionBytes || !IsCleanUtf8(definition_json))
    return Error::InvalidField("definition", "must be clean text of at most 512 KiB");
  if (metric_map_json.size() > kMaxSurveyDefinitionBytes || !IsCleanUtf8(metric_map_json))
    return Error::InvalidField("metric_map", "must be clean text of at most 512 KiB");
  return Status::Ok();
}

std::string MetricMapOrEmpty(const std::string& metric_map_json) {
  return metric_map_json.find_first_not_of(" \t\r\n") == std::string::npos ? "{}" : metric_map_json;
}

// What the audit trail keeps of a version: its number and the digests of
// its texts (the texts themselves stay in survey_versions).
nlohmann::json VersionAudit(int version, const std::string& definition_json, const std::string& metric_map_json) {
  return nlohmann::json{{"version", version},
                        {"definition_blake2b", Blake2bHex(definition_json)},
                        {"definition_bytes", definition_json.size()},
                        {"metric_map_blake2b", Blake2bHex(metric_map_json)}};
}

Result<Survey> LoadSurvey(SqlConnection& db, Id id) {
  auto rows = db.Execute(std::string("SELECT ") + kSurveyColumns + " FROM surveys s WHERE s.id = ?", {id});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return Error::NotFound("no such survey: " + std::to_string(id));
  return SurveyFromRow(rows->rows[0]);
}

Result<SurveyVersion> LoadVersion(SqlConnection& db, Id survey_id, int version) {
  auto rows = db.Execute(std::string("SELECT ") + kVersionColumns +
                             " FROM survey_versions v WHERE v.survey_id = ? AND v.version = ?",
                         {survey_id, std::int64_t{version}});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty())
    return Error::NotFound("survey " + std::to_string(survey_id) + " has no version " + std::to_string(version));
  return VersionFromRow(rows->rows[0]);
}

Status CheckNameFree(SqlConnection& db, const std::string& name, Id id) {
  auto taken = QueryInt(db, "SELECT count(*) FROM surveys WHERE name_lower = ? AND id <> ?", {AsciiLower(name), id});
  if (!taken.ok()) return taken.error();
  if (*taken > 0) return DuplicateField("a survey of this name already exists", "name");
  return Status::Ok();
}

Result<bool> HasAnswers(SqlConnection& db, Id survey_id) {
  auto rows = db.Execute("SELECT 1 FROM survey_answers WHERE survey_id = ? LIMIT 1", {survey_id});
  if (!rows.ok()) return rows.error();
  return !rows->rows.empty();
}

Error NameBackstop(const Error& e) {
  if (e.code == ErrorCode::kAlreadyExists) return DuplicateField("a survey of this name already exists", "name");
  return e;
}

}  // namespace

Result<Page<Survey>> SqlStore::ListSurveys(const SurveyFilter& filter, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  if (Status s = CheckFilterText("search", filter.search); !s.ok()) return s.error();
  auto order = OrderBy(options,
                       {{"name", "s.name_lower"},
                        {"created_at", "s.created_at"},
                        {"updated_at", "s.updated_at"},
                        {"status", "s.status"}},
                       "name", SortDirection::kAscending, "s.id");
  if (!order.ok()) return order.error();
  return ReadSnapshot<Page<Survey>>([&](SqlConnection& db) -> Result<Page<Survey>> {
    Where where;
    if (filter.status) where.Add("s.status = ?", {std::string(StatusText(*filter.status))});
    if (filter.kind) where.Add("s.kind = ?", {std::string(KindText(*filter.kind))});
    if (!filter.search.empty())
      where.Add(std::string("lower(s.name) LIKE lower(?)") + kEscape, {ContainsPattern(filter.search)});
    Page<Survey> page;
    auto total = QueryInt(db, "SELECT count(*) FROM surveys s" + where.Clause(), where.params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kSurveyColumns + " FROM surveys s" + where.Clause() + *order +
                               " LIMIT ? OFFSET ?",
                           WithPaging(where.params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(SurveyFromRow(r));
    return page;
  });
}

Result<Survey> SqlStore::GetSurvey(Id id) {
  return Read<Survey>([&](SqlConnection& db) { return LoadSurvey(db, id); });
}

Result<Survey> SqlStore::GetSurveyBySlug(const std::string& public_slug) {
  const bool well_formed =
      public_slug.size() == kSlugLength &&
      public_slug.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos;
  if (!well_formed) return Error::NotFound("no such survey link");
  return Read<Survey>([&](SqlConnection& db) -> Result<Survey> {
    auto rows =
        db.Execute(std::string("SELECT ") + kSurveyColumns + " FROM surveys s WHERE s.public_slug = ?", {public_slug});
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) return Error::NotFound("no such survey link");
    return SurveyFromRow(rows->rows[0]);
  });
}

Result<Survey> SqlStore::CreateSurvey(const WriteContext& ctx, const Survey& survey, const std::string& definition_json,
                                      const std::string& metric_map_json) {
  if (Status s = ValidateSurvey(survey); !s.ok()) return s.error();
  if (Status s = CheckDefinition(definition_json, metric_map_json); !s.ok()) return s.error();
  const std::string metric_map = MetricMapOrEmpty(metric_map_json);
  return Write<Survey>([&](SqlConnection& db, TimePoint now) -> Result<Survey> {
    if (Status s = CheckNameFree(db, survey.name, 0); !s.ok()) return s.error();
    auto added = db.Execute(
        "INSERT INTO surveys (name, name_lower, kind, status, public_slug, public_link_enabled, anonymous_allowed, "
        "closes_at, max_answers, trigger_event, trigger_delay_minutes, sampling_percent, current_version, "
        "answer_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?) RETURNING id",
        {survey.name, AsciiLower(survey.name), std::string(KindText(survey.kind)),
         std::string(StatusText(survey.status)), RandomToken(16), survey.public_link_enabled,
         survey.anonymous_allowed, SqlOptional(survey.closes_at), SqlOptional(survey.max_answers),
         survey.trigger_event, std::int64_t{survey.trigger_delay_minutes}, std::int64_t{survey.sampling_percent}, now,
         now});
    if (!added.ok()) return NameBackstop(added.error());
    const Id id = added->rows.at(0).Int(0);
    auto version = db.Execute(
        "INSERT INTO survey_versions (survey_id, version, definition_json, metric_map_json, answer_count, "
        "created_at, created_by) VALUES (?, 1, ?, ?, 0, ?, ?)",
        {id, definition_json, metric_map, now, ctx.actor.label});
    if (!version.ok()) return version.error();
    auto saved = LoadSurvey(db, id);
    if (!saved.ok()) return saved.error();
    nlohmann::json created = nlohmann::json::parse(SurveyJson(*saved));
    created["definition"] = VersionAudit(1, definition_json, metric_map);
    AuditRecord record{"survey", std::to_string(id), "create", "", JsonText(created), std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
    return saved;
  });
}

Result<Survey> SqlStore::UpdateSurvey(const WriteContext& ctx, const Survey& survey) {
  if (Status s = ValidateSurvey(survey); !s.ok()) return s.error();
  return Write<Survey>([&](SqlConnection& db, TimePoint now) -> Result<Survey> {
    auto before = LoadSurvey(db, survey.id);
    if (!before.ok()) return before.error();
    if (Status s = CheckNameFree(db, survey.name, survey.id); !s.ok()) return s.error();
    if (survey.status == SurveyStatus::kDraft && before->status != SurveyStatus::kDraft) {
      auto answered = HasAnswers(db, survey.id);
      if (!answered.ok()) return answered.error();
      if (*answered) return PreconditionOn("status", "a survey with answers cannot go back to draft; close it");
    }
    auto updated = db.Execute(
        "UPDATE surveys SET name = ?, name_lower = ?, kind = ?, status = ?, public_link_enabled = ?, "
        "anonymous_allowed = ?, closes_at = ?, max_answers = ?, trigger_event = ?, trigger_delay_minutes = ?, "
        "sampling_percent = ?, updated_at = ? WHERE id = ?",
        {survey.name, AsciiLower(survey.name), std::string(KindText(survey.kind)),
         std::string(StatusText(survey.status)), survey.public_link_enabled, survey.anonymous_allowed,
         SqlOptional(survey.closes_at), SqlOptional(survey.max_answers), survey.trigger_event,
         std::int64_t{survey.trigger_delay_minutes}, std::int64_t{survey.sampling_percent}, now, survey.id});
    if (!updated.ok()) return NameBackstop(updated.error());
    auto after = LoadSurvey(db, survey.id);
    if (!after.ok()) return after.error();
    AuditRecord record{"survey", std::to_string(survey.id), "update", SurveyJson(*before), SurveyJson(*after),
                       std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
    return after;
  });
}

Result<SurveyVersion> SqlStore::SaveSurveyDefinition(const WriteContext& ctx, Id survey_id,
                                                     const std::string& definition_json,
                                                     const std::string& metric_map_json,
                                                     std::optional<int> expected_version) {
  if (Status s = CheckDefinition(definition_json, metric_map_json); !s.ok()) return s.error();
  const std::string metric_map = MetricMapOrEmpty(metric_map_json);
  return Write<SurveyVersion>([&](SqlConnection& db, TimePoint now) -> Result<SurveyVersion> {
    auto survey = LoadSurvey(db, survey_id);
    if (!survey.ok()) return survey.error();
    const int current = survey->current_version;
    if (expected_version && *expected_version != current)
      return PreconditionOn("version", "the survey is at version " + std::to_string(current) + ", not " +
                                           std::to_string(*expected_version) + "; reload it");
    auto before = LoadVersion(db, survey_id, current);
    if (!before.ok()) return before.error();
    // Any answer, complete or saved partway, holds its version fixed.
    auto answered = QueryInt(db, "SELECT answer_count + partial_count FROM survey_versions "
                                 "WHERE survey_id = ? AND version = ?",
                             {survey_id, std::int64_t{current}});
    if (!answered.ok()) return answered.error();
    const bool in_place = *answered == 0;
    const int version = in_place ? current : current + 1;
    if (in_place) {
      auto replaced = db.Execute(
          "UPDATE survey_versions SET definition_json = ?, metric_map_json = ?, created_at = ?, created_by = ? "
          "WHERE survey_id = ? AND version = ?",
          {definition_json, metric_map, now, ctx.actor.label, survey_id, std::int64_t{version}});
      if (!replaced.ok()) return replaced.error();
    } else {
      auto added = db.Execute(
          "INSERT INTO survey_versions (survey_id, version, definition_json, metric_map_json, answer_count, "
          "created_at, created_by) VALUES (?, ?, ?, ?, 0, ?, ?)",
          {survey_id, std::int64_t{version}, definition_json, metric_map, now, ctx.actor.label});
      if (!added.ok()) return added.error();
    }
    auto bumped = db.Execute("UPDATE surveys SET current_version = ?, updated_at = ? WHERE id = ?",
                             {std::int64_t{version}, now, survey_id});
    if (!bumped.ok()) return bumped.error();
    AuditRecord record{"survey",
                       std::to_string(survey_id),
                       in_place ? "definition" : "version",
                       JsonText(VersionAudit(current, before->definition_json, before->metric_map_json)),
                       JsonText(VersionAudit(version, definition_json, metric_map)),
                       std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
    return LoadVersion(db, survey_id, version);
  });
}

Result<SurveyVersion> SqlStore::GetSurveyVersion(Id survey_id, int version) {
  return Read<SurveyVersion>([&](SqlConnection& db) -> Result<SurveyVersion> {
    if (auto known = Exists(db, "surveys", survey_id); !known.ok() || !*known)
      return known.ok() ? Error::NotFound("no such survey: " + std::to_string(survey_id)) : known.error();
    return LoadVersion(db, survey_id, version);
  });
}

Result<std::vector<SurveyVersion>> SqlStore::ListSurveyVersions(Id survey_id) {
  return ReadSnapshot<std::vector<SurveyVersion>>([&](SqlConnection& db) -> Result<std::vector<SurveyVersion>> {
    if (auto known = Exists(db, "surveys", survey_id); !known.ok() || !*known)
      return known.ok() ? Error::NotFound("no such survey: " + std::to_string(survey_id)) : known.error();
    auto rows = db.Execute(std::string("SELECT ") + kVersionColumns +
                               " FROM survey_versions v WHERE v.survey_id = ? ORDER BY v.version",
                           {survey_id});
    if (!rows.ok()) return rows.error();
    std::vector<SurveyVersion> out;
    for (const auto& r : rows->rows) out.push_back(VersionFromRow(r));
    return out;
  });
}

Status SqlStore::DeleteSurvey(const WriteContext& ctx, Id survey_id) {
  return ToStatus(Write<Unit>([&](SqlConnection& db, TimePoint now) -> Result<Unit> {
    auto before = LoadSurvey(db, survey_id);
    if (!before.ok()) return before.error();
    auto answered = HasAnswers(db, survey_id);
    if (!answered.ok()) return answered.error();
    if (*answered) return Error::FailedPrecondition("a survey with answers cannot be deleted; close it instead");
    // Invitations of a survey without answers (schema 16) go with it.
    for (const char* sql :
         {"DELETE FROM survey_invitation_queue WHERE invitation_id IN "
          "(SELECT id FROM survey_invitations WHERE survey_id = ?)",
          "DELETE FROM survey_invitation_tokens WHERE invitation_id IN "
          "(SELECT id FROM survey_invitations WHERE survey_id = ?)",
          "DELETE FROM survey_invitations WHERE survey_id = ?", "DELETE FROM survey_mail_templates WHERE survey_id = ?",
          "DELETE FROM survey_versions WHERE survey_id = ?", "DELETE FROM surveys WHERE id = ?"}) {
      auto deleted = db.Execute(sql, {survey_id});
      if (!deleted.ok()) return deleted.error();
    }
    AuditRecord record{"survey", std::to_string(survey_id), "delete", SurveyJson(*before), "", std::nullopt};
    if (Status s = AppendAudit(db, now, ctx, record); !s.ok()) return s.error();
    return Unit{};
  }));
}

}  // namespace hearken
