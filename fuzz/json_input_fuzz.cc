// Fuzz target: strict JSON input decoding (http/json_input.h). The input is a
// request body sent as application/json; when it parses as an object, an
// ObjectReader reads it with every kind of field the routes use, and the
// complaint settings decoder (core/complaint_json.h) reads it too. Nothing
// may crash or throw, and a body is either an object or a 400/415 problem.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/complaint.h"
#include "core/complaint_json.h"
#include "fuzz_check.h"
#include "http/json_input.h"

using namespace hearken;
using namespace hearken::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  HttpRequest request;
  request.method = "POST";
  request.target = request.path = "/api/v1/customers";
  request.headers.emplace_back("content-type", "application/json; charset=utf-8");
  request.body.assign(reinterpret_cast<const char*>(data), size);

  ParsedBody parsed = ParseJsonObject(request);
  FUZZ_CHECK(parsed.object.has_value() != parsed.problem.has_value());
  if (parsed.problem) {
    FUZZ_CHECK(parsed.problem->status == 400);
    return 0;
  }
  const Json& object = *parsed.object;
  FUZZ_CHECK(object.is_object());

  ObjectReader reader(object);
  std::string name;
  std::optional<std::string> email;
  bool active = false;
  int importance = 0;
  hearken::Id id = 0;
  std::optional<hearken::Id> parent;
  TimePoint at{};
  std::vector<std::string> tags;
  std::vector<Need> needs;
  Priority priority = Priority::kNormal;
  std::optional<Remedy> remedy;
  reader.Require("name");
  reader.String("name", &name);
  reader.OptionalString("email", &email);
  reader.Bool("active", &active);
  reader.Int("importance", &importance, 1, 5);
  reader.Id("id", &id);
  reader.OptionalId("parent_id", &parent);
  reader.Time("at", &at);
  reader.StringList("tags", &tags, 20);
  reader.Needs("needs", &needs);
  reader.Enum("priority", &priority, &ParsePriority);
  reader.OptionalEnum("remedy", &remedy, &ParseRemedy);
  if (reader.Has("nested") && object["nested"].is_object()) {
    ObjectReader inner(object["nested"], "nested/");
    std::string text;
    inner.String("text", &text);
    (void)inner.Finish();
  }
  Status status = reader.Finish();
  if (!status.ok()) FUZZ_CHECK(!status.error().fields.empty());
  FUZZ_CHECK(id >= 0);
  FUZZ_CHECK(!parent || *parent > 0);
  FUZZ_CHECK(importance >= 0 && importance <= 5);
  FUZZ_CHECK(tags.size() <= 20);

  (void)ComplaintSettingsFromJson(object);
  return 0;
}
