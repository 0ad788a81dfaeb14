// Field rules of the customer register, applied at the edge (HTTP, CLI,
// import) and again by the store. Each function returns every problem it
// finds at once, as an InvalidArgument error whose `fields` name them, so a
// form can show all of them together.
#pragma once

#include <string>
#include <string_view>

#include "core/entities.h"
#include "core/result.h"

namespace hearken {

// Limits shared by the edge, the store and the UI.
inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxShortTextLength = 500;   // subjects, sources, descriptions of needs
inline constexpr size_t kMaxLongTextLength = 20000;  // bodies, requirement texts, notes
inline constexpr size_t kMaxTags = 20;
inline constexpr size_t kMaxTagLength = 50;
inline constexpr size_t kMaxNeeds = 50;
inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 256;

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or
// code points above U+10FFFF); control characters are allowed.
bool IsValidUtf8(std::string_view text);

// True when `text` is well-formed UTF-8 without NUL or other C0 control
// characters except tab, LF and CR.
bool IsCleanUtf8(std::string_view text);

// A plausible address: one '@', a non-empty local part, a dotted domain, no
// spaces, at most 254 characters.
bool IsPlausibleEmail(std::string_view email);

// Lower-cases ASCII letters (e-mail comparison).
std::string AsciiLower(std::string_view text);

// True when `name` is an IANA time-zone name known to this system.
bool IsKnownTimeZone(const std::string& name);

Status ValidateSettings(const OrgSettings& settings);
Status ValidateUser(const User& user);
// Length rules only (12..256 characters, valid UTF-8); no truncation anywhere.
Status ValidatePassword(std::string_view password);
Status ValidateCustomer(const Customer& customer);
Status ValidateSegment(const Segment& segment);
Status ValidateRequirement(const Requirement& requirement);
Status ValidateCommunication(const Communication& communication);

}  // namespace hearken
