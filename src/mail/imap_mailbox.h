// The intake mailbox (issue 3, "E-mail"): an IMAP folder read over libcurl,
// and `PollOnce`, which turns each unseen message into a committed complaint
// (or a message on a case) and only then marks it \Seen on the server — so a
// message whose commit failed, or a poll cut short by a crash, is simply picked
// up again by the next poll.
//
// Fetching never sets \Seen by itself: libcurl's `;UID=n` URL fetch sends
// `FETCH BODY[]`, which does, so `Fetch` instead logs in through libcurl
// (CURLOPT_CONNECT_ONLY: connection, STARTTLS/TLS and authentication stay
// libcurl's) and sends `EXAMINE` (read-only) and `UID FETCH n BODY.PEEK[]`
// itself, on a connection kept open from one fetch to the next. Listing and
// flagging use CURLOPT_CUSTOMREQUEST.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "mail/inbound_message.h"

namespace hearken {

// How TLS is used: kNone for plain imap:// (test servers on 127.0.0.1),
// kIfAvailable for STARTTLS when offered, kRequired for STARTTLS or fail
// (imaps:// URLs are TLS from the first byte whatever this says).
enum class ImapTls { kNone, kIfAvailable, kRequired };

struct ImapSettings {
  std::string url;  // "imap://host:port/INBOX" or "imaps://host/INBOX"; the path names the folder
  std::string user;
  std::string password;
  std::chrono::milliseconds connect_timeout{10'000};  // TCP + TLS + login
  std::chrono::milliseconds timeout{60'000};          // a whole operation
  ImapTls tls = ImapTls::kNone;
};

// One IMAP folder. Not thread-safe: use one instance per polling thread.
// Errors of every call: Unavailable when the server cannot be reached, times
// out, refuses the login or TLS; Internal for any other failure (a command the
// server rejects, a response that cannot be read).
class ImapMailbox {
 public:
  explicit ImapMailbox(ImapSettings settings);
  ~ImapMailbox();
  ImapMailbox(const ImapMailbox&) = delete;
  ImapMailbox& operator=(const ImapMailbox&) = delete;

  // UIDs of the messages without \Seen, ascending (`UID SEARCH UNSEEN`), on
  // a new connection so that mail delivered since the last call is included
  // (MarkSeen then reuses that connection).
  Result<std::vector<std::uint32_t>> ListUnseen();

  // The raw message (CRLF line ends, as stored) without changing its flags.
  // Errors: also NotFound when the folder has no message with that UID.
  Result<std::string> Fetch(std::uint32_t uid);

  // Sets \Seen on the message (`UID STORE n +FLAGS.SILENT (\Seen)`); a UID
  // that no longer exists is not an error.
  Status MarkSeen(std::uint32_t uid);

 private:
  Result<std::string> Command(const std::string& command);
  Result<std::string> FetchOnce(std::uint32_t uid);
  void CloseFetchSession();

  void* curl_ = nullptr;        // CURL* for listing and flagging; reconnected by ListUnseen
  void* fetch_curl_ = nullptr;  // CURL* of the raw fetch session, kept open between fetches
  int next_tag_ = 0;
  ImapSettings settings_;
};

// What one poll did, message by message.
struct PollReport {
  std::vector<std::uint32_t> committed;                    // committed and marked \Seen
  std::vector<std::pair<std::uint32_t, Error>> failed;     // left unseen: retried next poll
};

// Lists the unseen messages and, for each in UID order, fetches and parses
// it and calls `commit`; the message is marked \Seen only when `commit`
// returned OK. A message that fails to fetch, to parse (InvalidArgument), to
// commit or to be marked stays unseen and is tried again by the next poll;
// the others are still processed. An unparseable message is deliberately not
// moved or hidden: it stays unread in the mailbox where a person sees it, and
// every poll reports it again. Because marking can fail after a commit (the
// message then comes again), `commit` should be idempotent on
// `message_id`/`uid`.
// Returns OK when every message was committed; the listing's error when the
// mailbox cannot be read; otherwise the first message's error, its message
// prefixed with "message UID n: ". `report`, when given, receives the details.
Status PollOnce(ImapMailbox& mailbox, const std::function<Status(const InboundMessage&)>& commit,
                PollReport* report = nullptr);

}  // namespace hearken
