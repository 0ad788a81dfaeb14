#include "mail/imap_mailbox.h"

#include <curl/curl.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

namespace hearken {
namespace {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t AppendToString(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

bool IsUnavailable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_LOGIN_DENIED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_AGAIN:
      return true;
    default:
      return false;
  }
}

Error FromCurl(CURLcode code, const char* error_buffer, const std::string& what) {
  std::string message = what + ": " + curl_easy_strerror(code);
  if (error_buffer && *error_buffer) message += std::string(" (") + error_buffer + ")";
  return IsUnavailable(code) ? Error::Unavailable(std::move(message)) : Error::Internal(std::move(message));
}

void ApplySettings(CURL* curl, const ImapSettings& settings, const std::string& url, char* error_buffer) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, settings.user.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  long use_ssl = CURLUSESSL_NONE;
  if (settings.tls == ImapTls::kIfAvailable) use_ssl = CURLUSESSL_TRY;
  if (settings.tls == ImapTls::kRequired) use_ssl = CURLUSESSL_ALL;
  curl_easy_setopt(curl, CURLOPT_USE_SSL, use_ssl);
}

// The folder named by the URL's path ("/INBOX" → "INBOX"), as an IMAP quoted string.
std::string QuotedFolder(const std::string& url) {
  std::string folder = "INBOX";
  if (CURLU* parsed = curl_url()) {
    char* path = nullptr;
    if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
        curl_url_get(parsed, CURLUPART_PATH, &path, CURLU_URLDECODE) == CURLUE_OK && path) {
      std::string_view p(path);
      while (p.starts_with('/')) p.remove_prefix(1);
      p = p.substr(0, p.find(';'));
      while (p.ends_with('/')) p.remove_suffix(1);
      if (!p.empty()) folder = std::string(p);
    }
    curl_free(path);
    curl_url_cleanup(parsed);
  }
  std::string quoted = "\"";
  for (char c : folder) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// A raw IMAP exchange over a connection libcurl opened and authenticated.
class RawSession {
 public:
  RawSession(CURL* curl, std::chrono::milliseconds timeout)
      : curl_(curl), deadline_(std::chrono::steady_clock::now() + timeout) {}

  // Sends `tag command` and returns everything the server answered up to and
  // including the tagged completion line.
  Result<std::string> Run(const std::string& tag, const std::string& command) {
    if (Status s = SendAll(tag + " " + command + "\r\n"); !s.ok()) return s.error();
    std::string buffer;
    size_t pos = 0;
    bool at_line_start = true;
    for (;;) {
      size_t eol = buffer.find("\r\n", pos);
      if (eol == std::string::npos) {
        if (Status s = ReceiveMore(buffer); !s.ok()) return s.error();
        continue;
      }
      std::string_view line(buffer.data() + pos, eol - pos);
      if (at_line_start && line.starts_with(tag + " ")) {
        if (line.substr(tag.size() + 1).starts_with("OK")) return buffer.substr(0, eol + 2);
        return Error::Internal("IMAP server answered " + command + " with: " + std::string(line));
      }
      size_t literal = LiteralSize(line);
      if (literal != std::string::npos) {
        if (buffer.size() < eol + 2 + literal) {
          if (Status s = ReceiveMore(buffer); !s.ok()) return s.error();
          continue;
        }
        pos = eol + 2 + literal;
        at_line_start = false;
        continue;
      }
      pos = eol + 2;
      at_line_start = true;
    }
  }

  // "{123}" at the end of a line announces a literal of that many bytes.
  static size_t LiteralSize(std::string_view line) {
    if (!line.ends_with('}')) return std::string::npos;
    size_t open = line.rfind('{');
    if (open == std::string_view::npos || open + 2 > line.size() - 1) return std::string::npos;
    std::string_view digits = line.substr(open + 1, line.size() - open - 2);
    if (digits.ends_with('+')) digits.remove_suffix(1);
    if (digits.empty() || digits.size() > 12) return std::string::npos;
    size_t n = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::string::npos;
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    return n;
  }

 private:
  Status Wait(short events) {
    curl_socket_t socket = CURL_SOCKET_BAD;
    if (curl_easy_getinfo(curl_, CURLINFO_ACTIVESOCKET, &socket) != CURLE_OK || socket == CURL_SOCKET_BAD)
      return Error::Unavailable("IMAP connection closed");
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Error::Unavailable("IMAP server did not answer in time");
    pollfd fd{socket, events, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) <= 0)
      return Error::Unavailable("IMAP server did not answer in time");
    return Status::Ok();
  }

  Status SendAll(const std::string& data) {
    size_t offset = 0;
    while (offset < data.size()) {
      size_t sent = 0;
      CURLcode rc = curl_easy_send(curl_, data.data() + offset, data.size() - offset, &sent);
      if (rc == CURLE_AGAIN) {
        if (Status s = Wait(POLLOUT); !s.ok()) return s;
        continue;
      }
      if (rc != CURLE_OK) return FromCurl(rc, nullptr, "sending to the IMAP server");
      offset += sent;
    }
    return Status::Ok();
  }

  Status ReceiveMore(std::string& buffer) {
    for (;;) {
      char chunk[16384];
      size_t received = 0;
      CURLcode rc = curl_easy_recv(curl_, chunk, sizeof chunk, &received);
      if (rc == CURLE_AGAIN) {
        if (Status s = Wait(POLLIN); !s.ok()) return s;
        continue;
      }
      if (rc != CURLE_OK) return FromCurl(rc, nullptr, "reading from the IMAP server");
      if (received == 0) return Error::Unavailable("IMAP server closed the connection");
      buffer.append(chunk, received);
      return Status::Ok();
    }
  }

  CURL* curl_;
  std::chrono::steady_clock::time_point deadline_;
};

// The message literal of "* n FETCH (... BODY[] {size}\r\n<bytes>)".
std::optional<std::string> ExtractBody(const std::string& response) {
  size_t pos = 0;
  while ((pos = response.find("BODY[]", pos)) != std::string::npos) {
    size_t eol = response.find("\r\n", pos);
    if (eol == std::string::npos) return std::nullopt;
    size_t size = RawSession::LiteralSize(std::string_view(response).substr(pos, eol - pos));
    if (size != std::string::npos && eol + 2 + size <= response.size()) return response.substr(eol + 2, size);
    pos = eol;
  }
  return std::nullopt;
}

}  // namespace

ImapMailbox::ImapMailbox(ImapSettings settings) : settings_(std::move(settings)) {
  GlobalInit();
  curl_ = curl_easy_init();
}

ImapMailbox::~ImapMailbox() {
  CloseFetchSession();
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Result<std::string> ImapMailbox::Command(const std::string& command) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) return Error::Internal("curl_easy_init failed");
  curl_easy_reset(curl);  // keeps the open connection
  char error_buffer[CURL_ERROR_SIZE] = "";
  std::string output;
  ApplySettings(curl, settings_, settings_.url, error_buffer);
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &AppendToString);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &output);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  if (rc != CURLE_OK) return FromCurl(rc, error_buffer, "IMAP " + command);
  return output;
}

Result<std::vector<std::uint32_t>> ImapMailbox::ListUnseen() {
  // A fresh connection and SELECT for every listing: on a reused connection
  // libcurl skips the SELECT, and a server need not report mail that arrived
  // since (dovecot's SEARCH did not), so a long-running poller saw nothing new.
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
  curl_ = curl_easy_init();
  Result<std::string> output = Command("UID SEARCH UNSEEN");
  if (!output.ok()) return output.error();
  std::vector<std::uint32_t> uids;
  std::string_view text = *output;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.starts_with("* SEARCH")) continue;
    line.remove_prefix(8);
    std::uint64_t value = 0;
    bool in_number = false;
    for (char c : std::string(line) + " ") {
      if (c >= '0' && c <= '9') {
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > 0xFFFFFFFFu) return Error::Internal("IMAP SEARCH answered a UID out of range");
        in_number = true;
      } else {
        if (in_number) uids.push_back(static_cast<std::uint32_t>(value));
        value = 0;
        in_number = false;
      }
    }
  }
  std::sort(uids.begin(), uids.end());
  return uids;
}

Status ImapMailbox::MarkSeen(std::uint32_t uid) {
  Result<std::string> output = Command("UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (\\Seen)");
  if (!output.ok()) return output.error();
  return Status::Ok();
}

void ImapMailbox::CloseFetchSession() {
  if (!fetch_curl_) return;
  CURL* curl = static_cast<CURL*>(fetch_curl_);
  RawSession(curl, std::chrono::milliseconds(1000)).Run("H" + std::to_string(++next_tag_), "LOGOUT").ok();
  curl_easy_cleanup(curl);
  fetch_curl_ = nullptr;
}

Result<std::string> ImapMailbox::FetchOnce(std::uint32_t uid) {
  if (!fetch_curl_) {
    CURL* curl = curl_easy_init();
    if (!curl) return Error::Internal("curl_easy_init failed");
    char error_buffer[CURL_ERROR_SIZE] = "";
    ApplySettings(curl, settings_, settings_.url, error_buffer);
    curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // the buffer dies with this call
    if (rc != CURLE_OK) {
      curl_easy_cleanup(curl);
      return FromCurl(rc, error_buffer, "IMAP login for fetching UID " + std::to_string(uid));
    }
    fetch_curl_ = curl;
  }
  CURL* curl = static_cast<CURL*>(fetch_curl_);
  // EXAMINE every time: read-only, and it makes the server report messages
  // that arrived since the last fetch on this connection.
  Result<std::string> examined =
      RawSession(curl, settings_.timeout).Run("H" + std::to_string(++next_tag_), "EXAMINE " + QuotedFolder(settings_.url));
  if (!examined.ok()) return examined.error();
  Result<std::string> response = RawSession(curl, settings_.timeout)
                                     .Run("H" + std::to_string(++next_tag_), "UID FETCH " + std::to_string(uid) + " BODY.PEEK[]");
  if (!response.ok()) return response.error();
  std::optional<std::string> body = ExtractBody(*response);
  if (!body) return Error::NotFound("no message with UID " + std::to_string(uid));
  return std::move(*body);
}

Result<std::string> ImapMailbox::Fetch(std::uint32_t uid) {
  const bool reused = fetch_curl_ != nullptr;
  Result<std::string> result = FetchOnce(uid);
  if (result.ok() || result.error().code == ErrorCode::kNotFound) return result;
  // The session is in an unknown state (or the server dropped an idle
  // connection): start over, once, when it was an old one.
  if (fetch_curl_) {
    curl_easy_cleanup(static_cast<CURL*>(fetch_curl_));
    fetch_curl_ = nullptr;
  }
  if (!reused) return result;
  result = FetchOnce(uid);
  if (!result.ok() && result.error().code != ErrorCode::kNotFound && fetch_curl_) {
    curl_easy_cleanup(static_cast<CURL*>(fetch_curl_));
    fetch_curl_ = nullptr;
  }
  return result;
}

Status PollOnce(ImapMailbox& mailbox, const std::function<Status(const InboundMessage&)>& commit,
                PollReport* report) {
  Result<std::vector<std::uint32_t>> unseen = mailbox.ListUnseen();
  if (!unseen.ok()) return unseen.error();
  PollReport local;
  PollReport& out = report ? *report : local;
  auto fail = [&](std::uint32_t uid, Error error) { out.failed.emplace_back(uid, std::move(error)); };
  for (std::uint32_t uid : *unseen) {
    Result<std::string> raw = mailbox.Fetch(uid);
    if (!raw.ok()) { fail(uid, raw.error()); continue; }
    Result<InboundMessage> message = ParseInboundMessage(*raw, uid);
    if (!message.ok()) { fail(uid, message.error()); continue; }
    Status committed = Status::Ok();
    try {
      committed = commit(*message);
    } catch (const std::exception& e) {
      committed = Error::Internal(std::string("commit threw: ") + e.what());
    } catch (...) {
      committed = Error::Internal("commit threw");
    }
    if (!committed.ok()) { fail(uid, committed.error()); continue; }
    if (Status s = mailbox.MarkSeen(uid); !s.ok()) { fail(uid, s.error()); continue; }
    out.committed.push_back(uid);
  }
  if (out.failed.empty()) return Status::Ok();
  Error first = out.failed.front().second;
  first.message = "message UID " + std::to_string(out.failed.front().first) + ": " + first.message;
  return first;
}

}  // namespace hearken
