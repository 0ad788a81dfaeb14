// Survey answers on SqlStore (SurveyStore, schema 15): one audited write per
// answer (entity "survey_answer"), committed in groups by SqlStore's write
// path, with the survey's closing rules and the answer's idempotency key
// checked inside the write transaction. The survey's and the version's
// answer counters move in the same transaction — once per group, just
// before COMMIT (FlushSurveyAnswerCounts) — so max_answers and answer_count
// never count rows.
#include <nlohmann/json.hpp>

#include "core/validation.h"
#include "store/sql/sql_store.h"
#include "store/sql/sql_store_internal.h"
#include "store/sql/surveys/survey_rows.h"

namespace hearken {

using namespace sql;
using namespace sql::survey_rows;

namespace {

constexpr size_t kMaxLanguageLength = 35;
constexpr size_t kMaxKeyHashLength = 128;
constexpr int kMaxScanLimit = 5000;

Error PreconditionOn(const std::string& field, const std::string& message) {
  return Error{ErrorCode::kFailedPrecondition, field + ": " + message, {{field, message}}};
}

// What can be checked without the database, every problem at once.
Status CheckAnswer(const SurveyAnswer& a) {
  std::vector<FieldError> fields;
  if (a.answers_json.find_first_not_of(" \t\r\n") == std::string::npos)
    fields.push_back({"answers", "are required"});
  else if (a.answers_json.size() > kMaxSurveyAnswerBytes || !IsCleanUtf8(a.answers_json))
    fields.push_back({"answers", "must be clean text of at most 256 KiB"});
  if (a.language.size() > kMaxLanguageLength ||
      a.language.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") !=
          std::string::npos)
    fields.push_back({"language", "must be a language tag such as en or de-CH"});
  if (a.nps && (*a.nps < 0 || *a.nps > 10)) fields.push_back({"nps", "must be from 0 to 10"});
  if (a.csat_scale && *a.csat_scale != 5 && *a.csat_scale != 7)
    fields.push_back({"csat_scale", "must be 5 or 7"});
  if (a.csat) {
    const int scale = a.csat_scale.value_or(0);
    if (!a.csat_scale)
      fields.push_back({"csat_scale", "is required with csat"});
    else if (*a.csat < 1 || *a.csat > scale)
      fields.push_back({"csat", "must be from 1 to " + std::to_string(scale)});
  }
  if (a.ces && (*a.ces < 1 || *a.ces > 7)) fields.push_back({"ces", "must be from 1 to 7"});
  if (a.overall && (*a.overall < 0 || *a.overall > 100)) fields.push_back({"overall", "must be from 0 to 100"});
  if (a.idempotency_key_hash.size() > kMaxKeyHashLength || !IsCleanUtf8(a.idempotency_key_hash))
    fields.push_back({"idempotency_key_hash", "must be a digest of at most 128 characters"});
  if (fields.empty()) return Status::Ok();
  std::string summary;
  for (const FieldError& f : fields) summary += (summary.empty() ? "" : "; ") + f.field + ": " + f.message;
  return Error::InvalidArgument(std::move(summary), std::move(fields));
}

Result<std::optional<SurveyAnswer>> FindByKey(SqlConnection& db, Id survey_id, const std::string& key_hash) {
  auto rows = db.Execute(std::string("SELECT ") + kAnswerColumns +
                             " FROM survey_answers a WHERE a.survey_id = ? AND a.idempotency_key_hash = ?",
                         {survey_id, key_hash});
  if (!rows.ok()) return rows.error();
  if (rows->rows.empty()) return std::optional<SurveyAnswer>();
  return std::optional<SurveyAnswer>(AnswerFromRow(rows->rows[0]));
}

Status CheckSurveyExists(SqlConnection& db, Id survey_id) {
  auto known = Exists(db, "surveys", survey_id);
  if (!known.ok()) return known.error();
  if (!*known) return Error::NotFound("no such survey: " + std::to_string(survey_id));
  return Status::Ok();
}

// The filter as WHERE conditions on survey_answers a.
Result<Where> AnswerWhere(const SurveyAnswerFilter& f) {
  if (f.language)
    if (Status s = CheckFilterText("language", *f.language); !s.ok()) return s.error();
  Where where;
  where.Add("a.survey_id = ?", {f.survey_id});
  if (f.version) where.Add("a.version = ?", {std::int64_t{*f.version}});
  if (f.from) where.Add("a.submitted_at >= ?", {*f.from});
  if (f.to) where.Add("a.submitted_at < ?", {*f.to});
  if (f.channel) where.Add("a.channel = ?", {std::string(ChannelText(*f.channel))});
  if (f.language) where.Add("a.language = ?", {*f.language});
  if (f.segment_id) where.Add("a.segment_id = ?", {*f.segment_id});
  if (f.customer_id) where.Add("a.customer_id = ?", {*f.customer_id});
  if (f.complete_only) where.Add("a.complete = ?", {true});
  return where;
}

// Complete answers to the survey that the open transaction added and whose
// counter has not moved yet (FlushSurveyAnswerCounts).
std::int64_t AddedInThisTransaction(const SqlConnection& db, Id survey_id) {
  std::int64_t added = 0;
  for (auto it = db.survey_answer_counts.lower_bound({survey_id, 0});
       it != db.survey_answer_counts.end() && it->first.first == survey_id; ++it)
    added += it->second.complete;
  return added;
}

// The write of one answer, in the group's transaction.
Result<SubmittedAnswer> SubmitInWrite(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                      const SurveyAnswer& input) {
  // One round trip reads all the write decides on: the survey's state,
  // whether the version exists, an earlier answer with this key and the
  // customer's segment (-1: no such customer). Writers are serialised, so
  // an earlier write of the same group (same transaction) is seen here.
  const std::string key = input.idempotency_key_hash;
  auto state = db.Execute(
      "SELECT s.status, s.closes_at, s.max_answers, s.answer_count, s.anonymous_allowed, s.public_link_enabled, "
      "(SELECT count(*) FROM survey_versions v WHERE v.survey_id = s.id AND v.version = ?), "
      "(SELECT a.id FROM survey_answers a WHERE a.survey_id = s.id AND a.idempotency_key_hash = ?), "
      "(SELECT coalesce(c.segment_id, 0) FROM customers c WHERE c.id = ?) "
      "FROM surveys s WHERE s.id = ?",
      {std::int64_t{input.version}, key.empty() ? SqlNull() : SqlValue(key), SqlOptional(input.customer_id),
       input.survey_id});
  if (!state.ok()) return state.error();
  if (state->rows.empty()) return Error::NotFound("no such survey: " + std::to_string(input.survey_id));
  const SqlRow& s = state->rows[0];
  // A replay comes first: the first answer stands even if the survey has
  // closed since.
  if (!s.IsNull(7)) {
    auto first = FindByKey(db, input.survey_id, key);
    if (!first.ok()) return first.error();
    if (*first) return SubmittedAnswer{std::move(**first), false};
  }
  if (StatusFrom(s.Text(0)) != SurveyStatus::kOpen)
    return PreconditionOn("status", std::string("the survey is ") + s.Text(0) + " and takes no answers");
  if (auto closes_at = s.OptTime(1); closes_at && now >= *closes_at)
    return PreconditionOn("closes_at", "the survey closed at " + FormatTimestamp(*closes_at));
  if (auto max = s.OptInt(2); max && s.Int(3) + AddedInThisTransaction(db, input.survey_id) >= *max)
    return PreconditionOn("max_answers", "the survey has its " + std::to_string(*max) + " answers");
  if (input.channel == AnswerChannel::kLink && !s.Bool(5))
    return PreconditionOn("public_link_enabled", "the survey's public link is switched off");
  if (!input.customer_id && !input.invitation_id && !s.Bool(4))
    return Error::InvalidField("customer_id", "is required: this survey takes no anonymous answers");
  if (s.Int(6) == 0)
    return Error::NotFound("survey " + std::to_string(input.survey_id) + " has no version " +
                           std::to_string(input.version));

  SurveyAnswer answer = input;
  answer.segment_id.reset();
  // An imported answer (channel kImport, submitted_at set) keeps the time
  // it was given elsewhere; it cannot lie in the future.
  const bool keeps_time = input.channel == AnswerChannel::kImport && input.submitted_at != TimePoint{};
  if (keeps_time && input.submitted_at > now)
    return Error::InvalidField("submitted_at", "an imported answer cannot be submitted in the future");
  answer.submitted_at = keeps_time ? input.submitted_at : now;
  if (answer.customer_id) {
    if (s.IsNull(8)) return Error::InvalidField("customer_id", "must name a customer");
    if (const Id segment = s.Int(8); segment != 0) answer.segment_id = segment;
  }
  // The partial unique index is the backstop: a conflict (a writer outside
  // this process's queue) stores nothing and answers with the first row.
  auto added = db.Execute(
      "INSERT INTO survey_answers (survey_id, version, channel, language, customer_id, invitation_id, segment_id, "
      "answers_json, nps, csat, csat_scale, ces, overall, complete, idempotency_key_hash, submitted_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (survey_id, idempotency_key_hash) WHERE idempotency_key_hash IS NOT NULL DO NOTHING "
      "RETURNING id",
      {answer.survey_id, std::int64_t{answer.version}, std::string(ChannelText(answer.channel)), answer.language,
       SqlOptional(answer.customer_id), SqlOptional(answer.invitation_id), SqlOptional(answer.segment_id),
       answer.answers_json, SqlOptional(answer.nps), SqlOptional(answer.csat), SqlOptional(answer.csat_scale),
       SqlOptional(answer.ces), SqlOptional(answer.overall), answer.complete,
       answer.idempotency_key_hash.empty() ? SqlNull() : SqlValue(answer.idempotency_key_hash),
       answer.submitted_at});
  if (!added.ok()) return added.error();
  if (added->rows.empty()) {
    auto first = FindByKey(db, input.survey_id, input.idempotency_key_hash);
    if (!first.ok()) return first.error();
    if (!*first) return Error::Internal("an answer's idempotency key conflicted but no answer holds it");
    return SubmittedAnswer{std::move(**first), false};
  }
  answer.id = added->rows[0].Int(0);
  auto& counts = db.survey_answer_counts[{answer.survey_id, answer.version}];
  ++(answer.complete ? counts.complete : counts.partial);
  AuditRecord record{"survey_answer", std::to_string(answer.id), "submit", "", "", answer.customer_id};
  record.new_json = AnswerAuditJson(answer);
  if (Status st = AppendAudit(db, now, ctx, std::move(record)); !st.ok()) return st.error();
  return SubmittedAnswer{std::move(answer), true};
}

}  // namespace

namespace sql::survey_rows {

Status CheckAnswerFields(const SurveyAnswer& answer) { return CheckAnswer(answer); }

Result<SubmittedAnswer> WriteSurveyAnswer(SqlConnection& db, TimePoint now, const WriteContext& ctx,
                                          const SurveyAnswer& input) {
  return SubmitInWrite(db, now, ctx, input);
}

}  // namespace sql::survey_rows

namespace sql {

Status FlushSurveyAnswerCounts(SqlConnection& db) {
  std::map<Id, std::int64_t> by_survey;
  for (const auto& [key, counts] : db.survey_answer_counts) {
    by_survey[key.first] += counts.complete;
    auto moved = db.Execute(
        "UPDATE survey_versions SET answer_count = answer_count + ?, partial_count = partial_count + ? "
        "WHERE survey_id = ? AND version = ?",
        {counts.complete, counts.partial, key.first, std::int64_t{key.second}});
    if (!moved.ok()) return moved.error();
  }
  for (const auto& [survey_id, complete] : by_survey) {
    if (complete == 0) continue;
    auto moved = db.Execute("UPDATE surveys SET answer_count = answer_count + ? WHERE id = ?", {complete, survey_id});
    if (!moved.ok()) return moved.error();
  }
  db.survey_answer_counts.clear();
  return Status::Ok();
}

}  // namespace sql

Result<SubmittedAnswer> SqlStore::SubmitSurveyAnswer(const WriteContext& ctx, const SurveyAnswer& input) {
  if (Status s = CheckAnswer(input); !s.ok()) return s.error();
  return Write<SubmittedAnswer>(
      [&](SqlConnection& db, TimePoint now) { return SubmitInWrite(db, now, ctx, input); });
}

void SqlStore::SubmitSurveyAnswerAsync(const WriteContext& ctx, SurveyAnswer answer, SubmitDone done) {
  if (Status s = CheckAnswer(answer); !s.ok()) return done(s.error());
  WriteAsync<SubmittedAnswer>(
      [ctx, answer = std::move(answer)](SqlConnection& db, TimePoint now) {
        return SubmitInWrite(db, now, ctx, answer);
      },
      std::move(done));
}

Result<SurveyAnswer> SqlStore::GetSurveyAnswer(Id answer_id) {
  return Read<SurveyAnswer>([&](SqlConnection& db) -> Result<SurveyAnswer> {
    auto rows = db.Execute(std::string("SELECT ") + kAnswerColumns + " FROM survey_answers a WHERE a.id = ?",
                           {answer_id});
    if (!rows.ok()) return rows.error();
    if (rows->rows.empty()) return Error::NotFound("no such survey answer: " + std::to_string(answer_id));
    return AnswerFromRow(rows->rows[0]);
  });
}

Result<Page<SurveyAnswer>> SqlStore::ListSurveyAnswers(const SurveyAnswerFilter& filter, const ListOptions& options) {
  if (Status s = ValidateListOptions(options); !s.ok()) return s.error();
  auto order = OrderBy(options, {{"submitted_at", "a.submitted_at"}, {"id", "a.id"}}, "submitted_at",
                       SortDirection::kDescending, "a.id");
  if (!order.ok()) return order.error();
  auto where = AnswerWhere(filter);
  if (!where.ok()) return where.error();
  return ReadSnapshot<Page<SurveyAnswer>>([&](SqlConnection& db) -> Result<Page<SurveyAnswer>> {
    if (Status s = CheckSurveyExists(db, filter.survey_id); !s.ok()) return s.error();
    Page<SurveyAnswer> page;
    auto total = QueryInt(db, "SELECT count(*) FROM survey_answers a" + where->Clause(), where->params());
    if (!total.ok()) return total.error();
    page.total = *total;
    auto rows = db.Execute(std::string("SELECT ") + kAnswerColumns + " FROM survey_answers a" + where->Clause() +
                               *order + " LIMIT ? OFFSET ?",
                           WithPaging(where->params(), options));
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) page.items.push_back(AnswerFromRow(r));
    return page;
  });
}

Result<std::vector<SurveyAnswer>> SqlStore::ScanSurveyAnswers(const SurveyAnswerFilter& filter, Id after_id,
                                                              int limit) {
  if (limit < 1 || limit > kMaxScanLimit) return Error::InvalidField("limit", "must be from 1 to 5000");
  auto where = AnswerWhere(filter);
  if (!where.ok()) return where.error();
  where->Add("a.id > ?", {after_id});
  return Read<std::vector<SurveyAnswer>>([&](SqlConnection& db) -> Result<std::vector<SurveyAnswer>> {
    if (Status s = CheckSurveyExists(db, filter.survey_id); !s.ok()) return s.error();
    SqlParams params = where->params();
    params.push_back(std::int64_t{limit});
    auto rows = db.Execute(std::string("SELECT ") + kAnswerColumns + " FROM survey_answers a" + where->Clause() +
                               " ORDER BY a.id LIMIT ?",
                           params);
    if (!rows.ok()) return rows.error();
    std::vector<SurveyAnswer> out;
    out.reserve(rows->rows.size());
    for (const auto& r : rows->rows) out.push_back(AnswerFromRow(r));
    return out;
  });
}

}  // namespace hearken
