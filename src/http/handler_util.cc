#include "http/handler_util.h"

#include <algorithm>
#include <charconv>

#include "core/validation.h"

namespace hearken::http {

std::optional<long long> ParseInteger(const std::string& text) {
  long long value = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

Status FieldsError(std::vector<FieldError> errors) {
  if (errors.empty()) return Status::Ok();
  std::string message = "invalid query parameters:";
  for (const auto& e : errors) message += " " + e.field + " " + e.message + ";";
  message.pop_back();
  return Error::InvalidArgument(std::move(message), std::move(errors));
}

HttpResponse JsonResponse(int status, const Json& body) {
  HttpResponse response;
  response.status = status;
  response.SetHeader("Content-Type", "application/json");
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

HttpResponse CreatedResponse(const std::string& location, const Json& body) {
  HttpResponse response = JsonResponse(201, body);
  response.SetHeader("Location", location);
  return response;
}

HttpResponse NoContent() {
  HttpResponse response;
  response.status = 204;
  return response;
}

Result<ListOptions> ParseListOptions(const HttpRequest& request, const std::vector<std::string>& sort_fields) {
  ListOptions options;
  std::vector<FieldError> errors;
  if (auto it = request.query.find("limit"); it != request.query.end()) {
    auto v = ParseInteger(it->second);
    if (!v || *v < 1 || *v > 500) errors.push_back({"limit", "must be an integer from 1 to 500"});
    else options.limit = static_cast<int>(*v);
  }
  if (auto it = request.query.find("offset"); it != request.query.end()) {
    auto v = ParseInteger(it->second);
    if (!v || *v < 0 || *v > 1000000000) errors.push_back({"offset", "must be a non-negative integer"});
    else options.offset = static_cast<int>(*v);
  }
  if (auto it = request.query.find("sort"); it != request.query.end() && !it->second.empty()) {
    std::string field = it->second;
    if (field.front() == '-') {
      options.direction = SortDirection::kDescending;
      field.erase(0, 1);
    }
    if (std::find(sort_fields.begin(), sort_fields.end(), field) == sort_fields.end()) {
      std::string message = "must be one of";
      for (size_t i = 0; i < sort_fields.size(); ++i) message += (i ? ", " : " ") + sort_fields[i];
      errors.push_back({"sort", message + " (prefix - for descending)"});
    } else {
      options.sort = field;
    }
  }
  Status status = FieldsError(std::move(errors));
  if (!status.ok()) return status.error();
  return options;
}

const std::string* QueryReader::Raw(const std::string& name) const {
  auto it = request_.query.find(name);
  return it == request_.query.end() ? nullptr : &it->second;
}

std::string QueryReader::Text(const std::string& name) {
  const std::string* raw = Raw(name);
  if (!raw) return "";
  if (!IsCleanUtf8(*raw) || raw->size() > kMaxShortTextLength) {
    errors_.push_back({name, "must be UTF-8 text of at most 500 bytes"});
    return "";
  }
  return *raw;
}

std::optional<Id> QueryReader::OptionalId(const std::string& name) {
  const std::string* raw = Raw(name);
  if (!raw || raw->empty()) return std::nullopt;
  auto v = ParseInteger(*raw);
  if (!v || *v <= 0) {
    errors_.push_back({name, "must be a positive id"});
    return std::nullopt;
  }
  return *v;
}

Status QueryReader::Finish() const { return FieldsError(errors_); }

std::string ForLog(std::string_view text, size_t max_bytes) {
  std::string out(text.substr(0, max_bytes));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

std::string PathForLog(std::string_view path, std::string_view route_template) {
  auto split = [](std::string_view p) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= p.size()) {
      size_t slash = p.find('/', start);
      if (slash == std::string_view::npos) slash = p.size();
      out.push_back(p.substr(start, slash - start));
      start = slash + 1;
    }
    return out;
  };
  std::vector<std::string_view> segments = split(path);
  const std::vector<std::string_view> pattern = split(route_template);
  const bool same_shape = pattern.size() == segments.size();
  std::string out;
  for (size_t i = 0; i < segments.size(); ++i) {
    bool secret = false;
    if (same_shape && (pattern[i] == "{token}" || pattern[i].ends_with("_token}"))) secret = true;
    // The web UI's pages of the secret links, and the public API's, whatever matched.
    if (i > 0 && !segments[i].empty() && (segments[i - 1] == "status" || segments[i - 1] == "ratings")) {
      const bool page = i == 2 && segments[0].empty();  // /status/<t>, /ratings/<t>
      const bool api = i >= 2 && segments[i - 2] == "public";  // /api/v1/public/status/<t>
      if (page || api) secret = true;
    }
    if (i > 0) out += '/';
    out += secret ? std::string_view("<redacted>") : segments[i];
  }
  return out;
}

std::string ActorLabel(const User& user) { return "user:" + std::to_string(user.id) + " " + user.email; }

}  // namespace hearken::http
