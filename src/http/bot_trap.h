// The bot trap of the public forms (the complaint form, the feedback form):
// a hidden field "website" that people never see and bots fill in, and —
// for the feedback form — a minimum fill time: the page asks for a form
// token when it opens (a LinkSigner token over the time it was issued, so
// nothing is stored), and a post that comes back sooner than
// kMinFormFillTime, or with a token older than kMaxFormAge, is a bot's or
// a stale page's. A sprung trap is answered as if the post was accepted,
// so the bot learns nothing, and logged.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "http/http_types.h"
#include "keys/link_signer.h"

namespace hearken::http {

inline constexpr const char* kBotTrapField = "website";
inline constexpr std::chrono::seconds kMinFormFillTime{3};
inline constexpr std::chrono::hours kMaxFormAge{24};
inline constexpr std::string_view kFormTokenPurpose = "hearken public form token v1";

// A token for a form opened at `now`.
std::string IssueFormToken(const keys::LinkSigner& signer, TimePoint now);

enum class FormTiming { kHuman, kTooFast, kInvalid, kExpired };

// What the token says of how the form was filled.
FormTiming CheckFormToken(const keys::LinkSigner& signer, std::string_view token, TimePoint now);

// True (and a warning in the log naming the form and the address) when the
// hidden field holds anything.
bool BotTrapSprung(const std::string& website, const HttpRequest& request, std::string_view form);

// Logs a sprung trap of `form` for `why` ("filled the hidden field", "posted within 3 s").
void LogBotTrap(const HttpRequest& request, std::string_view form, std::string_view why);

}  // namespace hearken::http
