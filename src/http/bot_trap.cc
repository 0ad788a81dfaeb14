#include "http/bot_trap.h"

#include <spdlog/spdlog.h>

#include "http/handler_util.h"

namespace hearken::http {

std::string IssueFormToken(const keys::LinkSigner& signer, TimePoint now) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return signer.Token(kFormTokenPurpose, static_cast<Id>(seconds));
}

FormTiming CheckFormToken(const keys::LinkSigner& signer, std::string_view token, TimePoint now) {
  const std::optional<Id> issued = signer.Verify(kFormTokenPurpose, token);
  if (!issued) return FormTiming::kInvalid;
  const TimePoint at{std::chrono::seconds(*issued)};
  if (now - at < kMinFormFillTime) return FormTiming::kTooFast;
  if (now - at > kMaxFormAge) return FormTiming::kExpired;
  return FormTiming::kHuman;
}

void LogBotTrap(const HttpRequest& request, std::string_view form, std::string_view why) {
  spdlog::warn("public {} form: bot trap ({}) by {}; nothing stored", form, why, ForLog(request.client_address, 60));
}

bool BotTrapSprung(const std::string& website, const HttpRequest& request, std::string_view form) {
  if (website.empty()) return false;
  LogBotTrap(request, form, "filled the hidden field");
  return true;
}

}  // namespace hearken::http
