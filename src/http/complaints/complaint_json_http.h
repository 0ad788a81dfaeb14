// The JSON forms of complaints as the API returns them (docs/API.md,
// "Complaints (issue 3)"): core's ToJson (core/complaint_json.h) plus what the
// store does not keep on the record (its category path, the SLA view at the
// request's time, the states it may move to next); and the public status
// page, which shows a complainant only what is theirs to see. Token hashes
// never appear in any of these.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/complaint.h"
#include "core/complaint_json.h"
#include "core/json_codec.h"
#include "core/result.h"
#include "http/http_types.h"
#include "http/multipart.h"
#include "http/router.h"
#include "store/store.h"

namespace hearken::http {

// Turns complaints into JSON for one request. Takes the complaint settings
// (calendar and SLA policy) once, on first need, and each category path
// once; the store answers both from memory (SqlStore's cache), so a
// complaint costs its own query only.
class ComplaintPresenter {
 public:
  ComplaintPresenter(Store& store, TimePoint now) : store_(store), now_(now) {}

  // The complaint JSON of docs/API.md. Errors: those of the store (settings,
  // categories); a calendar the store holds but core refuses → Internal.
  Result<Json> Present(const Complaint& complaint);

 private:
  Status Load();

  Store& store_;
  TimePoint now_;
  bool loaded_ = false;
  std::optional<ComplaintSettings> settings_;
  std::optional<BusinessCalendar> calendar_;
  std::map<Id, std::string> category_paths_;  // "" for a category that is gone
};

// What the status page calls a state ("Under investigation").
std::string StageLabel(ComplaintState state);

// The author the complainant sees: "Complaints team" for every staff message,
// "You" for their own.
std::string PublicAuthor(const ComplaintMessage& message);

// The status page: {reference, state, stage_label, received_at,
// acknowledged_at, responded_at, closed_at, summary, messages, can_reply};
// `messages` are the to_complainant and from_complainant ones only, each
// {id, kind, subject, body, author, created_at} with PublicAuthor.
Json PublicStatusJson(const Complaint& complaint, const std::vector<ComplaintMessage>& messages);

// A complainant's message as the status page shows it.
Json PublicMessageJson(const ComplaintMessage& message);

// ---- Forms with files (the public form and attachment uploads) ----

// A file a client sent, accepted: its name sanitised (SanitiseFilename), its
// type decided from its content (SniffContentType).
struct CheckedFile {
  std::string filename;
  std::string content_type;
  std::string content;
};

// A multipart/form-data body read and checked: the text fields as a JSON
// object of strings (for ObjectReader), and the files of the "attachment"
// field. `problem`, when set, is the answer to send instead.
struct FormBody {
  Json fields = Json::object();
  std::vector<CheckedFile> files;
  std::optional<HttpResponse> problem;
};

// Reads the multipart body of `request` with at most `max_files` files of
// kMaxAttachmentBytes each. Problems: 400 malformed multipart (or not
// multipart), 413 a file over 10 MB or a field over 64 KiB (naming the
// field), 422 more than `max_files` files, an empty file or a refused type
// (naming "attachment"), a file in another field, a text field sent twice or
// not UTF-8.
FormBody ReadForm(const HttpRequest& request, size_t max_files);

// The problem response for a multipart error (as ReadForm describes).
HttpResponse MultipartErrorResponse(const MultipartError& error);

// Registers the OpenAPI schemas of the complaint routes (staff and public)
// with the router: Complaint, ComplaintPage, ComplaintInput, ...
void AddComplaintSchemas(Router& router);

}  // namespace hearken::http
