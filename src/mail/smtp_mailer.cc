#include "mail/smtp_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "mail/smtp_message.h"

namespace hearken {
namespace {

Status GlobalInit() {
  static std::once_flag once;
  static CURLcode code = CURLE_OK;
  std::call_once(once, [] { code = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (code != CURLE_OK) return Error::Internal(std::string("curl_global_init: ") + curl_easy_strerror(code));
  return Status::Ok();
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Maps a failed transfer to the Mailer error contract. `reply` is the last
// SMTP reply code seen (0 when the server never answered).
Error TransferError(CURLcode code, long reply, const char* detail) {
  std::string what = std::string("SMTP: ") + (detail[0] ? detail : curl_easy_strerror(code));
  if (reply >= 400 && reply < 500) return Error::Unavailable(what + " (temporary refusal " + std::to_string(reply) + ")");
  if (reply >= 500) return Error::Internal(what + " (refused " + std::to_string(reply) + ")");
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
      return Error::Unavailable(what);
    default:
      return Error::Internal(what);
  }
}

}  // namespace

Result<std::unique_ptr<SmtpMailer>> SmtpMailer::Create(SmtpConfig config, const Clock& clock) {
  if (!config.url.starts_with("smtp://") && !config.url.starts_with("smtps://"))
    return Error::InvalidField("url", "must start with smtp:// or smtps://");
  if (config.connect_timeout.count() <= 0 || config.total_timeout.count() <= 0)
    return Error::InvalidField("timeout", "must be positive");
  if (config.username.empty() && !config.password.empty())
    return Error::InvalidField("username", "is required with a password");
  if (Status s = GlobalInit(); !s.ok()) return s.error();
  return std::unique_ptr<SmtpMailer>(new SmtpMailer(std::move(config), clock));
}

Status SmtpMailer::Send(const OutgoingMail& mail) {
  Result<std::string> message = ComposeMessage(mail, clock_.Now());
  if (!message.ok()) return message.error();

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return Error::Internal("curl_easy_init failed");
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + mail.to + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients_guard(recipients, &curl_slist_free_all);
  if (!recipients) return Error::Internal("curl_slist_append failed");

  Upload upload{&*message};
  char detail[CURL_ERROR_SIZE] = {0};
  CURL* h = curl.get();
  const std::string sender = "<" + mail.from + ">";
  curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, sender.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &ReadChunk);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  long use_ssl = config_.start_tls == StartTls::kRequired    ? CURLUSESSL_ALL
                 : config_.start_tls == StartTls::kIfOffered ? CURLUSESSL_TRY
                                                             : CURLUSESSL_NONE;
  curl_easy_setopt(h, CURLOPT_USE_SSL, use_ssl);
  if (!config_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (!config_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str());
  }

  CURLcode code = curl_easy_perform(h);
  if (code == CURLE_OK) return Status::Ok();  // the server's 250 after DATA
  long reply = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
  if (code == CURLE_LOGIN_DENIED) return Error::Internal(std::string("SMTP: authentication refused: ") + detail);
  if (code == CURLE_USE_SSL_FAILED)
    return Error::Internal("SMTP: STARTTLS is required but the server does not offer it");
  return TransferError(code, reply, detail);
}

}  // namespace hearken
