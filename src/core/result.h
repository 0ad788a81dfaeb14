// Result types for recoverable errors, shared by every module.
//
// A function that can fail for reasons the caller should handle returns
// `Result<T>` (a value or an `Error`) or `Status` (`Result<void>`). The error
// carries one code from a small set, a human message, and optionally the input
// fields at fault, so that each edge (HTTP status, CLI exit code) can map codes
// once and name the offending fields. Exceptions from libraries are caught at
// the adapter that calls the library and turned into an `Error`.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hearken {

enum class ErrorCode {
  kInvalidArgument,     // input failed validation; `fields` names what and why
  kNotFound,            // the addressed record does not exist
  kAlreadyExists,       // a uniqueness rule would be broken (duplicate e-mail, ...)
  kFailedPrecondition,  // the record's state forbids the operation
  kPermissionDenied,    // the actor may not do this
  kUnavailable,         // a dependency (database, mail server) cannot be reached
  kInternal,            // a bug or an unexpected library failure
};

// Stable lower-case name of a code, e.g. "invalid_argument".
const char* ErrorCodeName(ErrorCode code);

// One offending input field: a JSON-pointer-like path ("needs/0/importance")
// and what is wrong with it.
struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;

  static Error InvalidArgument(std::string message, std::vector<FieldError> fields = {}) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(fields)};
  }
  static Error InvalidField(std::string field, std::string message) {
    std::string summary = field + ": " + message;
    return {ErrorCode::kInvalidArgument, std::move(summary), {{std::move(field), std::move(message)}}};
  }
  static Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message), {}}; }
  static Error AlreadyExists(std::string message, std::vector<FieldError> fields = {}) {
    return {ErrorCode::kAlreadyExists, std::move(message), std::move(fields)};
  }
  static Error FailedPrecondition(std::string message) {
    return {ErrorCode::kFailedPrecondition, std::move(message), {}};
  }
  static Error PermissionDenied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message), {}};
  }
  static Error Unavailable(std::string message) { return {ErrorCode::kUnavailable, std::move(message), {}}; }
  static Error Internal(std::string message) { return {ErrorCode::kInternal, std::move(message), {}}; }
};

// Holds either a T or an Error. Access the value only after checking ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<T>(state_); }
  const T& value() const& { assert(ok()); return std::get<T>(state_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status Ok() { return {}; }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(!ok()); return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace hearken
