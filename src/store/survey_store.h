// Surveys (ISO 9001 9.1.2, ISO 10004 "gather"): a survey is a SurveyJS JSON
// definition plus Hearken's metric map (which question is the NPS item, the
// CSAT item, the CES item, the overall score and its drivers), kept in
// numbered versions, and the answers people give to one of those versions.
// Part of Store (store.h); the contracts there hold.
//
// The store keeps definitions and metric maps as JSON text and does not read
// them: the caller checks them first with core/survey (schema, question
// types, expressions) and passes the answer's metric scores already
// extracted. What the store checks itself is what only it can see: the
// survey's state, its closing rules, the version an answer names, and the
// idempotency key of an answer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/validation.h"
#include "store/store_types.h"

namespace hearken {

// relationship: asked periodically of a population; transactional: sent
// after an event (a closed complaint, an event posted through the API).
enum class SurveyKind { kRelationship, kTransactional };
// draft: being designed, takes no answers; open: takes answers; closed: by
// hand or by a closing rule, takes no answers.
enum class SurveyStatus { kDraft, kOpen, kClosed };

inline constexpr size_t kMaxSurveyNameLength = 200;
inline constexpr size_t kMaxSurveyDefinitionBytes = 512 * 1024;
inline constexpr size_t kMaxSurveyAnswerBytes = 256 * 1024;

struct Survey {
  Id id = 0;
  std::string name;  // staff-facing name, unique among surveys
  SurveyKind kind = SurveyKind::kRelationship;
  SurveyStatus status = SurveyStatus::kDraft;
  // The public link /s/{public_slug}: 22 random base64url characters made by
  // the store at creation, never changed. Answers through it only while
  // public_link_enabled.
  std::string public_slug;
  bool public_link_enabled = true;
  bool anonymous_allowed = true;  // answers without a customer or invitation
  // Closing rules: no answers accepted at or after closes_at, nor beyond
  // max_answers (complete answers of every version).
  std::optional<TimePoint> closes_at;
  std::optional<std::int64_t> max_answers;
  // Transactional surveys: the event that sends it ("complaint_closed", or a
  // name posted through the API), the delay after it, and the share of events
  // that get an invitation (1..100).
  std::string trigger_event;
  int trigger_delay_minutes = 0;
  int sampling_percent = 100;
  int current_version = 1;
  std::int64_t answer_count = 0;  // filled on reads: complete answers, all versions
  TimePoint created_at{};
  TimePoint updated_at{};
};

struct SurveyVersion {
  Id survey_id = 0;
  int version = 1;
  std::string definition_json;  // the SurveyJS definition
  std::string metric_map_json;  // Hearken's metric map ("{}" when none)
  std::int64_t answer_count = 0;  // filled on reads
  TimePoint created_at{};
  std::string created_by;  // actor label
};

// How an answer reached us.
enum class AnswerChannel { kLink, kInvitation, kEmbed, kApi, kImport };

struct SurveyAnswer {
  Id id = 0;
  Id survey_id = 0;
  int version = 1;  // the version answered; must exist
  AnswerChannel channel = AnswerChannel::kLink;
  std::string language;  // BCP 47 tag the respondent saw ("" = the default locale)
  // Known respondent; both empty for an anonymous answer, which stores no
  // address, customer or invitation.
  std::optional<Id> customer_id;
  std::optional<Id> invitation_id;
  std::optional<Id> segment_id;  // filled by the store from the customer at submission
  std::string answers_json;      // validated question values, {"nps": 9, "reason": "..."}
  // Metric scores extracted by the caller from answers_json (core/survey).
  std::optional<int> nps;      // 0..10
  std::optional<int> csat;     // 1..csat_scale
  std::optional<int> csat_scale;  // 5 or 7, with csat
  std::optional<int> ces;      // 1..7
  std::optional<int> overall;  // the overall score of the driver analysis
  bool complete = true;        // false: a saved partial answer (invitation links)
  // Hash of the client's Idempotency-Key (core/crypto HashToken), or empty.
  // A second submission to the same survey with the same key stores nothing
  // and returns the first answer.
  std::string idempotency_key_hash;
  // Set by the store from its clock, except on an imported answer
  // (kImport), which keeps the time it was given (not in the future).
  TimePoint submitted_at{};
};

struct SubmittedAnswer {
  SurveyAnswer answer;
  bool created = true;  // false: the idempotency key had been used; `answer` is the first one
};

struct SurveyFilter {
  std::optional<SurveyStatus> status;
  std::optional<SurveyKind> kind;
  std::string search;  // part of the name, case-insensitive
};

struct SurveyAnswerFilter {
  Id survey_id = 0;
  std::optional<int> version;
  std::optional<TimePoint> from;  // submitted_at >= from
  std::optional<TimePoint> to;    // submitted_at < to
  std::optional<AnswerChannel> channel;
  std::optional<std::string> language;
  std::optional<Id> segment_id;
  std::optional<Id> customer_id;
  bool complete_only = true;
};

inline constexpr size_t kMaxSurveyTriggerEventLength = 100;
inline constexpr int kMaxSurveyTriggerDelayMinutes = 366 * 24 * 60;

// Errors: InvalidArgument naming "name" (blank, too long, not one clean
// line), "sampling_percent" (outside 1..100), "trigger_delay_minutes"
// (negative or over a year), "trigger_event" (too long, not clean),
// "max_answers" (below 1); every problem at once.
inline Status ValidateSurvey(const Survey& survey) {
  std::vector<FieldError> fields;
  auto one_line = [](const std::string& text, size_t max) {
    return text.size() <= max && IsCleanUtf8(text) && text.find_first_of("\r\n") == std::string::npos;
  };
  if (survey.name.find_first_not_of(" \t") == std::string::npos)
    fields.push_back({"name", "is required"});
  else if (!one_line(survey.name, kMaxSurveyNameLength))
    fields.push_back({"name", "must be one line of at most 200 bytes"});
  if (survey.sampling_percent < 1 || survey.sampling_percent > 100)
    fields.push_back({"sampling_percent", "must be from 1 to 100"});
  if (survey.trigger_delay_minutes < 0 || survey.trigger_delay_minutes > kMaxSurveyTriggerDelayMinutes)
    fields.push_back({"trigger_delay_minutes", "must be from 0 to a year"});
  if (!one_line(survey.trigger_event, kMaxSurveyTriggerEventLength))
    fields.push_back({"trigger_event", "must be one line of at most 100 bytes"});
  if (survey.max_answers && *survey.max_answers < 1) fields.push_back({"max_answers", "must be at least 1"});
  if (fields.empty()) return Status::Ok();
  std::string summary;
  for (const FieldError& f : fields) summary += (summary.empty() ? "" : "; ") + f.field + ": " + f.message;
  return Error::InvalidArgument(std::move(summary), std::move(fields));
}

class SurveyStore {
 public:
  virtual ~SurveyStore() = default;

  // Surveys by name (sort "name", "created_at", "updated_at", "status").
  // Errors: InvalidArgument "sort".
  virtual Result<Page<Survey>> ListSurveys(const SurveyFilter& filter, const ListOptions& options) = 0;
  // Errors: NotFound.
  virtual Result<Survey> GetSurvey(Id id) = 0;
  // The survey behind a public link. Errors: NotFound (also for a malformed slug).
  virtual Result<Survey> GetSurveyBySlug(const std::string& public_slug) = 0;

  // Creates the survey with version 1 holding the definition and metric map;
  // survey.id, public_slug, current_version and times are ignored and made
  // here. Errors: ValidateSurvey's; InvalidArgument "definition" (empty or
  // over kMaxSurveyDefinitionBytes); AlreadyExists "name".
  virtual Result<Survey> CreateSurvey(const WriteContext& ctx, const Survey& survey,
                                      const std::string& definition_json,
                                      const std::string& metric_map_json) = 0;
  // Replaces the settings of survey.id (name, kind, status, public link,
  // anonymity, closing rules, trigger); public_slug and version are kept.
  // Errors: as CreateSurvey, NotFound; FailedPrecondition when status goes
  // back to draft once answers exist.
  virtual Result<Survey> UpdateSurvey(const WriteContext& ctx, const Survey& survey) = 0;
  // Saves a new definition and metric map. While the current version has no
  // answers it is replaced in place; once it has answers a new version is
  // made and becomes current, so every answer keeps the version it answered.
  // `expected_version` (when given) must equal the current version, so two
  // editors cannot overwrite each other. Errors: InvalidArgument
  // "definition"; NotFound; FailedPrecondition "version" when
  // expected_version is stale.
  virtual Result<SurveyVersion> SaveSurveyDefinition(const WriteContext& ctx, Id survey_id,
                                                     const std::string& definition_json,
                                                     const std::string& metric_map_json,
                                                     std::optional<int> expected_version) = 0;
  // Errors: NotFound (survey or version).
  virtual Result<SurveyVersion> GetSurveyVersion(Id survey_id, int version) = 0;
  // Every version, oldest first. Errors: NotFound.
  virtual Result<std::vector<SurveyVersion>> ListSurveyVersions(Id survey_id) = 0;
  // Deletes a survey that has no answers. Errors: NotFound;
  // FailedPrecondition when it has answers (close it instead).
  virtual Status DeleteSurvey(const WriteContext& ctx, Id survey_id) = 0;

  // Stores one answer, with its audit entry (entity "survey_answer"; the
  // entry names survey, version, channel and language, never the answer
  // text). Concurrent submissions are committed in groups. Errors:
  // NotFound (survey, or answer.version not a version of it);
  // FailedPrecondition "status" when the survey is not open, "closes_at"
  // when it has closed by date, "max_answers" when it has its number of
  // answers; InvalidArgument "answers" (empty or over
  // kMaxSurveyAnswerBytes), "customer_id" (unknown customer),
  // "customer_id" when the survey refuses anonymous answers and none is
  // given, "nps"/"csat"/"ces" out of range.
  virtual Result<SubmittedAnswer> SubmitSurveyAnswer(const WriteContext& ctx, const SurveyAnswer& answer) = 0;
  // The same without blocking the caller (the intake route answers from its
  // I/O thread): returns at once; `done` gets what SubmitSurveyAnswer would
  // return, after the answer is durably committed, on a thread of the
  // store's choosing, so it must be quick (post the reply). Besides the
  // errors above: Unavailable when too many writes already wait. This
  // default runs the blocking form and calls `done` before returning.
  using SubmitDone = std::function<void(Result<SubmittedAnswer>)>;
  virtual void SubmitSurveyAnswerAsync(const WriteContext& ctx, SurveyAnswer answer, SubmitDone done) {
    done(SubmitSurveyAnswer(ctx, answer));
  }
  // Errors: NotFound.
  virtual Result<SurveyAnswer> GetSurveyAnswer(Id answer_id) = 0;
  // Answers newest first (sort "submitted_at" or "id"). Errors:
  // InvalidArgument "sort"; NotFound (survey).
  virtual Result<Page<SurveyAnswer>> ListSurveyAnswers(const SurveyAnswerFilter& filter,
                                                      const ListOptions& options) = 0;
  // Every matching answer with id > after_id, oldest first, at most `limit`
  // (1..5000): a keyset scan for results and exports.
  virtual Result<std::vector<SurveyAnswer>> ScanSurveyAnswers(const SurveyAnswerFilter& filter, Id after_id,
                                                              int limit) = 0;
};

}  // namespace hearken
