// What the survey routes check before the store sees a write: a SurveyJS
// definition with its metric map (core/survey: schema, question types,
// expressions, metric questions), and one answer against the version it
// answers. Shared by the staff routes and the public ones.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/json_codec.h"
#include "core/result.h"
#include "core/survey/survey_answer.h"
#include "core/survey/survey_definition.h"
#include "core/survey/survey_metrics.h"
#include "http/router.h"
#include "store/store.h"

namespace hearken::http {

struct CheckedDefinition {
  survey::Definition definition;
  survey::MetricMap metrics;
  std::string definition_text;  // compact JSON as stored
  std::string metric_map_text;
};

// Checks body["definition"] (a SurveyJS object, required) and
// body["metric_map"] (an object, optional). Errors: InvalidArgument naming
// "definition/..." or "metric_map/..." (the path in the document).
Result<CheckedDefinition> CheckDefinition(const Json& body);

// A stored version, parsed (it was checked when saved). Parsed versions are
// kept in memory by survey, version and text, so answers do not parse and
// schema-check the definition again each time; a version replaced in place
// (no answers yet) has another text and is parsed anew. Errors: Internal
// when it no longer parses (a newer binary wrote it).
Result<std::shared_ptr<const CheckedDefinition>> LoadVersion(const SurveyVersion& version);

// The series breaks between consecutive versions first..last of a survey:
// [{version, breaks: [sentence...]}] for each version whose change breaks
// a metric's time series.
Json SeriesBreaksJson(Store& store, Id survey_id, int first, int last);

// Why a survey takes no answers now ("" when it does): closed, not yet
// open, its date has passed, or it has its number of answers.
std::string ClosedReason(const Survey& survey, TimePoint now);

struct AnswerRequest {
  Survey survey;
  AnswerChannel channel = AnswerChannel::kLink;
  std::optional<Id> customer_id;
  // An invitation link's token hash: the answer is that invitation's one
  // answer (SurveyInvitationStore::SubmitInvitationAnswer; a second is 409).
  std::string invitation_token_hash;
};

// Where the parsed version an answer names comes from (the store, or
// SurveyLookup's memory). Errors: NotFound when there is no such version.
using VersionLoader = std::function<Result<std::shared_ptr<const CheckedDefinition>>(int version)>;

// Reads {version, answers, language} from the body and validates the
// answers against that version: the answer to store, or the problem — 422
// naming answers/<question> for answers that do not fit, "version" or
// "language"; 400 naming "Idempotency-Key" for a malformed key.
std::variant<SurveyAnswer, HttpResponse> PrepareAnswer(RequestContext& ctx, const AnswerRequest& request,
                                                      const VersionLoader& load);

// The response to a stored answer: 201 with {id, version} for a new
// answer; 200 with "Idempotent-Replayed: true" for a retry of the same
// answer (`sent_json` and `sent_version`: what this request sent); 422
// naming "Idempotency-Key" when the key was used for other answers; 409
// naming the closing rule when the survey takes no answers.
HttpResponse AnswerReceipt(const Result<SubmittedAnswer>& submitted, const std::string& sent_json, int sent_version);

// PrepareAnswer, then the answer stored under the request's
// Idempotency-Key (kept per survey in the answer itself), then its
// AnswerReceipt. Reads the version from the store.
HttpResponse SubmitAnswer(Store& store, RequestContext& ctx, const AnswerRequest& request);

// The same without blocking: the write is queued
// (SurveyStore::SubmitSurveyAnswerAsync) and the response is deferred
// until it has committed; a problem found before the write is answered at
// once.
HttpResponse SubmitAnswerDeferred(Store& store, RequestContext& ctx, const AnswerRequest& request,
                                  const VersionLoader& load);
// The answer filters of the results, the answer browser and the answer
// export from the query: from, to (ISO 8601), channel, language ("default"
// for the default locale), segment_id, customer_id, version. Errors:
// InvalidArgument naming each bad parameter.
Result<SurveyAnswerFilter> ReadAnswerFilter(RequestContext& ctx, Id survey_id);

}  // namespace hearken::http
